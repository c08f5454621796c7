package io.vmpool.health.internal.collect;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A collector's own poll thread (a daemon, named after it), running a task with a fixed delay. */
public final class Pollers {
    private Pollers() {
    }

    public static ScheduledExecutorService every(String threadName, long delay, TimeUnit unit, Runnable task) {
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(task, 0, delay, unit);
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
