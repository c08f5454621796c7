package io.vmpool.core.internal.queue;

import io.vmpool.api.health.Alert;
import io.vmpool.api.health.AlertSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The registered alert sinks of one component: every alert goes to each; one failing does not stop the others. */
final class AlertSinks {
    private static final Logger LOG = LoggerFactory.getLogger(AlertSinks.class);
    private final List<AlertSink> sinks = new CopyOnWriteArrayList<>();

    void add(AlertSink sink) {
        sinks.add(sink);
    }

    void remove(AlertSink sink) {
        sinks.remove(sink);
    }

    /** @return how many sinks took it */
    int deliver(Alert alert) {
        int delivered = 0;
        for (AlertSink sink : sinks) {
            try {
                sink.deliver(alert);
                delivered++;
            } catch (RuntimeException e) {
                LOG.warn("alert sink {} failed on {} alert: {}", sink, alert.cause(), e.toString());
            }
        }
        if (sinks.isEmpty()) {
            LOG.info("no alert sink registered; {}: {}", alert.cause(), alert.summary());
        }
        return delivered;
    }
}
