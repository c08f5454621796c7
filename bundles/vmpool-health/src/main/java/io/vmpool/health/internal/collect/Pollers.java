package io.vmpool.health.internal.collect;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A collector's own poll thread (a daemon, named after it), running a task with a fixed delay. */
public final class Pollers {
    private static final Logger LOG = LoggerFactory.getLogger(Pollers.class);
    private Pollers() {
    }

    public static ScheduledExecutorService every(String threadName, long delay, TimeUnit unit, Runnable task) {
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        // a task that throws is not run again by the executor, silently: every failure is logged here and the
        // polling goes on (a LinkageError from a native library that would not load included)
        AtomicReference<String> last = new AtomicReference<>();
        poller.scheduleWithFixedDelay(() -> {
            try {
                task.run();
                last.set(null);
            } catch (Throwable t) {
                String what = t.toString();
                if (!what.equals(last.getAndSet(what))) {
                    LOG.error("{}: a poll failed; polling goes on", threadName, t);
                }
            }
        }, 0, delay, unit);
        return poller;
    }

    /** Stops the thread and waits up to {@code waitMillis} for a poll in progress to end. */
    public static void stop(ScheduledExecutorService poller, long waitMillis) {
        if (poller == null) {
            return;
        }
        poller.shutdownNow();
        try {
            poller.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
