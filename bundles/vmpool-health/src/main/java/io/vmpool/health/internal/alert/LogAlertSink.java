package io.vmpool.health.internal.alert;

import io.vmpool.api.health.Alert;
import io.vmpool.api.health.AlertSink;
import io.vmpool.health.internal.policy.Evidence;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sink that is always there: every alert as one warning line in the log, with its evidence. */
@Component(service = AlertSink.class, property = AlertSink.NAME_PROPERTY + "=log")
public final class LogAlertSink implements AlertSink {
    private static final Logger LOG = LoggerFactory.getLogger(LogAlertSink.class);

    @Override
    public void deliver(Alert alert) {
        LOG.warn("{}; evidence: {}", AlertText.line(alert), Evidence.firstLines(alert.evidence(), alert.evidence().size()));
    }
}
