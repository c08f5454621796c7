package io.vmpool.lock.local.internal;

import io.vmpool.lock.support.ConfigCheck;
import io.vmpool.lock.support.LockLimits;
import java.time.Duration;

/** The configuration in force: the limits every backend has, and this one's reaper period. */
record LocalSettings(LockLimits limits, long reaperIntervalMillis) {

    LocalSettings {
        ConfigCheck.atLeast(LocalLockConfig.PID, "reaperIntervalMillis", reaperIntervalMillis, 0);
    }

    static LocalSettings of(LocalLockConfig c) {
        return new LocalSettings(new LockLimits(LocalLockConfig.PID, c.maxLocksPerOwner(), c.maxLocksPerNode(),
                c.maxWaitersPerResource(), c.maxTtlSeconds(), c.maxWaitSeconds(),
                Duration.ofSeconds(c.defaultTtlSeconds())), c.reaperIntervalMillis());
    }
}
