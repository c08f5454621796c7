package io.vmpool.alert.mail.internal;

import io.vmpool.api.health.Alert;
import io.vmpool.api.health.AlertSink;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails every alert over SMTP, one mail per alert, from a thread of its own: {@link #deliver} only queues.
 * Exists only while its configuration does.
 */
@Component(service = AlertSink.class, configurationPid = MailAlertConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = AlertSink.NAME_PROPERTY + "=mail")
@Designate(ocd = MailAlertConfig.class)
public final class MailAlertSink implements AlertSink {
    private static final Logger LOG = LoggerFactory.getLogger(MailAlertSink.class);

    private final MailSettings settings;
    private final AlertQueue queue;
    private final MailCounters counters = new MailCounters();
    private final MailThread thread;

    @Activate
    public MailAlertSink(MailAlertConfig config) {
        this.settings = MailSettings.of(config);
        this.queue = new AlertQueue(settings.maxQueuedAlerts());
        this.thread = new MailThread(settings, queue, counters, new SmtpMailer(settings));
        thread.start();
        LOG.info("mail alerts via {} (maxQueuedAlerts={}, retries={}, retryDelayMillis={})", settings,
                settings.maxQueuedAlerts(), settings.retries(), settings.retryDelayMillis());
    }

    @Override
    public void deliver(Alert alert) {
        Objects.requireNonNull(alert, "alert");
        Alert dropped = queue.add(alert);
        if (dropped != null) {
            counters.dropped();
            LOG.warn("mail alert queue full (maxQueuedAlerts={} in {}): dropped the oldest, host {} {} {} ({} times "
                    + "from {}); the next mail says so", settings.maxQueuedAlerts(), MailAlertConfig.PID,
                    dropped.host(), dropped.state(), dropped.cause(), dropped.count(), dropped.first());
        }
    }

    @Deactivate
    void deactivate() {
        int left = thread.stop();
        if (left > 0) {
            LOG.warn("mail alerts stopped with {} alert(s) not yet mailed to {}", left, settings.to());
        }
    }

    /** What has happened so far, for tests and diagnostics. */
    MailCounters counters() {
        return counters;
    }
}
