package io.vmpool.alert.mail.internal;

import io.vmpool.api.health.Alert;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that mails queued alerts one by one, retrying a failed send {@code retries} times
 * {@code retryDelayMillis} apart; alerts that come meanwhile wait in the queue.
 */
final class MailThread {
    private static final Logger LOG = LoggerFactory.getLogger(MailThread.class);

    private final MailSettings settings;
    private final AlertQueue queue;
    private final MailCounters counters;
    private final SmtpMailer mailer;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;

    MailThread(MailSettings settings, AlertQueue queue, MailCounters counters, SmtpMailer mailer) {
        this.settings = settings;
        this.queue = queue;
        this.counters = counters;
        this.mailer = mailer;
        this.thread = new Thread(this::run, "vmpool-alert-mail " + settings.host() + ":" + settings.port());
        thread.setDaemon(true);
        thread.setContextClassLoader(SmtpMailer.providerLoader());
    }

    void start() {
        thread.start();
    }

    /** Stops after the send in progress, if any (bounded by the timeouts); returns how many alerts were still waiting. */
    int stop() {
        stopping.countDown();
        thread.interrupt();
        return queue.clear();
    }

    private void run() {
        try {
            while (stopping.getCount() > 0) {
                mail(queue.next());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stop() asked for it
        }
    }

    private void mail(Alert alert) throws InterruptedException {
        int attempts = settings.retries() + 1;
        for (int attempt = 1; stopping.getCount() > 0; attempt++) {
            Losses losses = counters.unreported(settings.maxQueuedAlerts(), settings.retries());
            counters.attempting();
            try {
                mailer.send(AlertMail.of(alert, settings.subjectPrefix(), losses));
                counters.sent(losses);
                LOG.debug("mailed alert for host {} {} {} to {}", alert.host(), alert.state(), alert.cause(),
                        settings.to());
                return;
            } catch (Exception e) {
                String why = SmtpFailure.describe(e);
                counters.failed(why);
                if (attempt >= attempts) {
                    counters.givenUp();
                    LOG.error("alert for host {} {} {} not mailed via {} after {} attempt(s) (retries={} in {}), given "
                            + "up: {}", alert.host(), alert.state(), alert.cause(), settings.server(), attempt,
                            settings.retries(), MailAlertConfig.PID, why);
                    return;
                }
                LOG.warn("alert for host {} {} {} not mailed via {} (attempt {} of {}), next attempt in {} ms: {}",
                        alert.host(), alert.state(), alert.cause(), settings.server(), attempt, attempts,
                        settings.retryDelayMillis(), why);
                if (stopping.await(settings.retryDelayMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        }
    }
}
