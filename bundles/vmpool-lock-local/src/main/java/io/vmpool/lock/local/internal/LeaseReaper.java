package io.vmpool.lock.local.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A daemon thread that releases lapsed leases every interval, so they leave even resources nobody touches. */
final class LeaseReaper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseReaper.class);

    private final ScheduledExecutorService executor;

    /** Starts reaping {@code table} every {@code intervalMillis} (> 0). */
    LeaseReaper(LockTable table, long intervalMillis) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vmpool-lock-local-reaper");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                table.reap();
            } catch (RuntimeException e) {
                LOG.warn("lease reaper failed; it runs again in {} ms", intervalMillis, e);
            }
        }, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops the thread; harmless twice. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
