package io.vmpool.lock.support;

import java.time.Duration;
import java.time.Instant;

/**
 * When a lease lapses: a monotonic deadline ({@code System.nanoTime()}) for decisions, a wall-clock
 * instant for people and other nodes.
 */
public record Term(long deadlineNanos, Instant expiresAt) {

    /** The term of a lease of {@code ttl} starting at {@code nowNanos} / {@code now} (the same moment on both clocks). */
    public static Term from(long nowNanos, Instant now, Duration ttl) {
        return new Term(nowNanos + Nanos.of(ttl), Nanos.plus(now, ttl));
    }

    /** Whether the deadline has come at {@code nowNanos}. */
    public boolean lapsed(long nowNanos) {
        return deadlineNanos - nowNanos <= 0;
    }

    /** Nanoseconds until the deadline, 0 once it has come. */
    public long nanosLeft(long nowNanos) {
        return Math.max(0, deadlineNanos - nowNanos);
    }
}
