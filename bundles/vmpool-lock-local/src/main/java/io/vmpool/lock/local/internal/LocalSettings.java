package io.vmpool.lock.local.internal;

import io.vmpool.lock.support.ConfigCheck;
import io.vmpool.lock.support.LockLimits;
import java.time.Duration;

/**
 * The configuration in force: the limits every backend has, and this one's reaper period, heap guard
 * and {@link TickingClock} (tick 0: none; leases shorter than {@code tickingClockMinTtl} are timed on the
 * system clock; the clock ticks {@code clockBurstTicks} times after each wake-up).
 */
record LocalSettings(LockLimits limits, long reaperIntervalMillis, int minFreeHeapPercent, long clockTickMicros,
        Duration tickingClockMinTtl, int clockBurstTicks) {

    LocalSettings {
        ConfigCheck.atLeast(LocalLockConfig.PID, "reaperIntervalMillis", reaperIntervalMillis, 0);
        ConfigCheck.atLeast(LocalLockConfig.PID, "clockTickMicros", clockTickMicros, 0);
        ConfigCheck.atLeast(LocalLockConfig.PID, "tickingClockMinTtlSeconds", tickingClockMinTtl.getSeconds(), 0);
        ConfigCheck.atLeast(LocalLockConfig.PID, "clockBurstTicks", clockBurstTicks, 1);
        ConfigCheck.atLeast(LocalLockConfig.PID, "minFreeHeapPercent", minFreeHeapPercent, 0);
        if (minFreeHeapPercent >= 100) {
            throw new IllegalArgumentException("minFreeHeapPercent must be < 100, is " + minFreeHeapPercent
                    + " (fix it in " + LocalLockConfig.PID + ")");
        }
    }

    static LocalSettings of(LocalLockConfig c) {
        return new LocalSettings(new LockLimits(LocalLockConfig.PID, c.maxLocksPerOwner(), c.maxLocksPerNode(),
                c.maxWaitersPerResource(), c.maxTtlSeconds(), c.maxWaitSeconds(),
                Duration.ofSeconds(c.defaultTtlSeconds())), c.reaperIntervalMillis(), c.minFreeHeapPercent(),
                c.clockTickMicros(), Duration.ofSeconds(c.tickingClockMinTtlSeconds()), c.clockBurstTicks());
    }
}
