package io.vmpool.health.internal.alert;

import io.vmpool.api.health.Alert;
import io.vmpool.api.health.AlertSink;
import io.vmpool.health.internal.HealthConfig;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands alerts to one sink on the sink's own thread, so a slow or hung sink (a mail server) delays no
 * other sink and not the policy. An alert the sink fails on is logged and offered again after
 * {@code retryAfter}, at most {@code retries} times.
 */
final class SinkDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(SinkDelivery.class);

    private final AlertSink sink;
    private final String name;
    private final int retries;
    private final Duration retryAfter;
    private final ScheduledExecutorService thread;

    SinkDelivery(AlertSink sink, String name, int retries, Duration retryAfter) {
        this.sink = sink;
        this.name = name;
        this.retries = retries;
        this.retryAfter = retryAfter;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "vmpool-alert-sink-" + name);
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = executor;
    }

    String name() {
        return name;
    }

    void offer(Alert alert) {
        attempt(alert, 0, 0);
    }

    private void attempt(Alert alert, int failures, long delayMillis) {
        try {
            thread.schedule(() -> deliver(alert, failures), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            LOG.debug("alert sink {} is gone; alert {} on {} not delivered to it", name, alert.cause(), alert.host());
        }
    }

    private void deliver(Alert alert, int failures) {
        try {
            sink.deliver(alert);
        } catch (RuntimeException e) {
            if (failures < retries) {
                LOG.warn("alert sink {} failed to deliver {} on {} ({}); offering it again in {} s ({} of {} retries, "
                        + "alertSinkRetries in {})", name, alert.cause(), alert.host(), e.toString(),
                        retryAfter.toSeconds(), failures + 1, retries, HealthConfig.PID);
                attempt(alert, failures + 1, retryAfter.toMillis());
            } else {
                LOG.warn("alert sink {} failed to deliver {} on {} ({}); given up after {} retries (alertSinkRetries "
                        + "in {}): {}", name, alert.cause(), alert.host(), e.toString(), retries, HealthConfig.PID,
                        alert.summary());
            }
        }
    }

    void close() {
        thread.shutdownNow();
    }
}
