package io.vmpool.lock.local.internal;

import io.vmpool.api.LimitExceededException;
import java.time.Duration;

/** The configured limits in force, checked once when the configuration arrives. */
record LockLimits(int maxLocksPerOwner, int maxWaitersPerResource, Duration defaultTtl, long reaperIntervalMillis) {

    LockLimits {
        requireAtLeast("maxLocksPerOwner", maxLocksPerOwner, 0);
        requireAtLeast("maxWaitersPerResource", maxWaitersPerResource, 0);
        requireAtLeast("defaultTtlSeconds", defaultTtl.getSeconds(), 1);
        requireAtLeast("reaperIntervalMillis", reaperIntervalMillis, 0);
    }

    static LockLimits of(LocalLockConfig config) {
        return new LockLimits(config.maxLocksPerOwner(), config.maxWaitersPerResource(),
                Duration.ofSeconds(config.defaultTtlSeconds()), config.reaperIntervalMillis());
    }

    /** Throws when one more waiter would pass {@code maxWaitersPerResource}. */
    void checkWaiters(String resource, int waiting) {
        if (maxWaitersPerResource > 0 && waiting >= maxWaitersPerResource) {
            throw new LimitExceededException("maxWaitersPerResource", maxWaitersPerResource, LocalLockConfig.PID,
                    waiting + " requests already wait for lock '" + resource + "'");
        }
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", is " + value + " (fix it in "
                    + LocalLockConfig.PID + ")");
        }
    }
}
