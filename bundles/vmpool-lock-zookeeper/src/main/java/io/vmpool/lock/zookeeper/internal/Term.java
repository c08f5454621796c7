package io.vmpool.lock.zookeeper.internal;

import java.time.Duration;
import java.time.Instant;

/** When a lease lapses: a monotonic deadline for decisions, a wall-clock instant for people and other nodes. */
record Term(long deadlineNanos, Instant expiresAt) {
    private static final long FOREVER_NANOS = Long.MAX_VALUE / 4; // ~73 years: "no expiry" without overflow

    static Term from(long nowNanos, Instant now, Duration ttl) {
        boolean forever = ttl.compareTo(Duration.ofNanos(FOREVER_NANOS)) >= 0;
        return new Term(nowNanos + (forever ? FOREVER_NANOS : ttl.toNanos()),
                forever ? now.plusNanos(FOREVER_NANOS) : now.plus(ttl));
    }

    boolean lapsed(long nowNanos) {
        return deadlineNanos - nowNanos <= 0;
    }

    long nanosLeft(long nowNanos) {
        return Math.max(0, deadlineNanos - nowNanos);
    }
}
