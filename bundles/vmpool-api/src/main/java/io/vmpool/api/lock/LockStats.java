package io.vmpool.api.lock;

import java.time.Duration;

/**
 * Counters of one lock manager since it started: what is held and waiting now, how many grants,
 * timeouts, lapsed leases and deadlocks there were, and wait/hold times.
 */
public record LockStats(
        int held,
        int waiting,
        long granted,
        long timedOut,
        long lapsed,
        long deadlocks,
        Duration meanWait,
        Duration maxWait,
        Duration meanHold,
        Duration maxHold) {
}
