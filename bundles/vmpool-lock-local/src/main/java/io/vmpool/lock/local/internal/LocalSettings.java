package io.vmpool.lock.local.internal;

import io.vmpool.lock.support.ConfigCheck;
import io.vmpool.lock.support.LockLimits;
import java.time.Duration;

/** The configuration in force: the limits every backend has, and this one's reaper period and heap guard. */
record LocalSettings(LockLimits limits, long reaperIntervalMillis, int minFreeHeapPercent) {

    LocalSettings {
        ConfigCheck.atLeast(LocalLockConfig.PID, "reaperIntervalMillis", reaperIntervalMillis, 0);
        ConfigCheck.atLeast(LocalLockConfig.PID, "minFreeHeapPercent", minFreeHeapPercent, 0);
        if (minFreeHeapPercent >= 100) {
            throw new IllegalArgumentException("minFreeHeapPercent must be < 100, is " + minFreeHeapPercent
                    + " (fix it in " + LocalLockConfig.PID + ")");
        }
    }

    static LocalSettings of(LocalLockConfig c) {
        return new LocalSettings(new LockLimits(LocalLockConfig.PID, c.maxLocksPerOwner(), c.maxLocksPerNode(),
                c.maxWaitersPerResource(), c.maxTtlSeconds(), c.maxWaitSeconds(),
                Duration.ofSeconds(c.defaultTtlSeconds())), c.reaperIntervalMillis(), c.minFreeHeapPercent());
    }
}
