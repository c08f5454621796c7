package io.vmpool.lock.zookeeper.internal;

import io.vmpool.api.LimitExceededException;
import java.time.Duration;

/** The configured limits in force, checked once when the configuration arrives. */
record LockLimits(int maxLocksPerOwner, int maxWaitersPerResource, long maxTtlSeconds, Duration defaultTtl) {

    LockLimits {
        requireAtLeast("maxLocksPerOwner", maxLocksPerOwner, 0);
        requireAtLeast("maxWaitersPerResource", maxWaitersPerResource, 0);
        requireAtLeast("maxTtlSeconds", maxTtlSeconds, 0);
        requireAtLeast("defaultTtlSeconds", defaultTtl.getSeconds(), 1);
        if (maxTtlSeconds > 0 && defaultTtl.getSeconds() > maxTtlSeconds) {
            throw new IllegalArgumentException("defaultTtlSeconds (" + defaultTtl.getSeconds()
                    + ") must not pass maxTtlSeconds (" + maxTtlSeconds + ") (fix it in " + ZooKeeperLockConfig.PID + ")");
        }
    }

    static LockLimits of(ZooKeeperLockConfig c) {
        return new LockLimits(c.maxLocksPerOwner(), c.maxWaitersPerResource(), c.maxTtlSeconds(),
                Duration.ofSeconds(c.defaultTtlSeconds()));
    }

    /** Throws when {@code ttl} is longer than {@code maxTtlSeconds}. */
    void checkTtl(String resource, Duration ttl) {
        if (maxTtlSeconds > 0 && ttl.compareTo(Duration.ofSeconds(maxTtlSeconds)) > 0) {
            throw new LimitExceededException("maxTtlSeconds", maxTtlSeconds, ZooKeeperLockConfig.PID,
                    "a lease of " + ttl.toSeconds() + " s on '" + resource + "' is longer than allowed");
        }
    }

    /** Throws when one more waiter would pass {@code maxWaitersPerResource}. */
    void checkWaiters(String resource, int waiting) {
        if (maxWaitersPerResource > 0 && waiting >= maxWaitersPerResource) {
            throw new LimitExceededException("maxWaitersPerResource", maxWaitersPerResource, ZooKeeperLockConfig.PID,
                    waiting + " requests already wait for lock '" + resource + "'");
        }
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", is " + value + " (fix it in "
                    + ZooKeeperLockConfig.PID + ")");
        }
    }
}
