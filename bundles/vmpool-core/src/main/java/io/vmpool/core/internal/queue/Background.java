package io.vmpool.core.internal.queue;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The one daemon thread each of the waiting list, the capacity alerts and the demand digest works on. */
final class Background {
    private Background() {
    }

    /** A single-thread scheduler whose daemon thread is named {@code name} (shut it down on deactivation). */
    static ScheduledExecutorService thread(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
