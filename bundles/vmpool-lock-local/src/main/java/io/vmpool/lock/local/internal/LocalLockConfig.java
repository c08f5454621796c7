package io.vmpool.lock.local.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the in-process lock manager (PID {@value #PID}). Every limit is off (0) by
 * default: only memory bounds the number of locks and waiters.
 */
@ObjectClassDefinition(id = LocalLockConfig.PID, name = "vmpool local lock manager",
        description = "In-process leases on named resources (the single-machine default)")
public @interface LocalLockConfig {
    String PID = "io.vmpool.lock.local";

    @AttributeDefinition(name = "Locks per owner", description = "Most locks one owner may hold or wait for "
            + "at once (0: unlimited)")
    int maxLocksPerOwner() default 0;

    @AttributeDefinition(name = "Waiters per resource", description = "Most requests that may wait for one "
            + "resource at once (0: unlimited)")
    int maxWaitersPerResource() default 0;

    @AttributeDefinition(name = "Locks per node", description = "Most locks this manager may hold or wait for "
            + "at once, all owners together (0: unlimited)")
    int maxLocksPerNode() default 0;

    @AttributeDefinition(name = "Longest lease (s)", description = "Longest lease time an acquire or renew may "
            + "ask for, in seconds (0: unlimited)")
    long maxTtlSeconds() default 0;

    @AttributeDefinition(name = "Longest wait (s)", description = "Longest wait an acquire may ask for, in "
            + "seconds; a request asking for more is refused at once (0: unlimited)")
    long maxWaitSeconds() default 0;

    @AttributeDefinition(name = "Default lease (s)", description = "Lease time given by a renew that names no "
            + "time, in seconds")
    long defaultTtlSeconds() default 60;

    @AttributeDefinition(name = "Reaper interval (ms)", description = "How often lapsed leases are released in "
            + "the background, in ms (0: only when the resource is next touched)")
    long reaperIntervalMillis() default 1000;

    @AttributeDefinition(name = "Least free heap (%)", description = "New locks are refused (LimitExceededException) "
            + "while a collection leaves less than this share of the tenured heap free, until a later one frees "
            + "more (0: off)")
    int minFreeHeapPercent() default 5;

    @AttributeDefinition(name = "Clock tick (µs)", description = "Grants and releases read a clock that a "
            + "thread sets every this many microseconds, instead of calling the system clock (0: call it every time)")
    long clockTickMicros() default 1000;

    @AttributeDefinition(name = "Shortest lease on the ticking clock (s)", description = "Leases shorter than "
            + "this are timed on the system clock: the ticking clock lags by about a tick, and a lease granted on "
            + "it may lapse that much early")
    long tickingClockMinTtlSeconds() default 10;

    @AttributeDefinition(name = "Clock burst (ticks)", description = "Ticks the clock thread makes after a lock "
            + "operation wakes it; then it sleeps until the next one")
    int clockBurstTicks() default 100;
}
