package io.vmpool.lock.local.internal;

import java.time.Duration;
import java.time.Instant;

/** Converts durations to nanosecond deadlines without overflow (a wait of "forever" is about 73 years). */
final class Nanos {
    private static final long FOREVER = Long.MAX_VALUE / 4;

    private Nanos() {
    }

    static long of(Duration d) {
        return d.compareTo(Duration.ofNanos(FOREVER)) >= 0 ? FOREVER : d.toNanos();
    }

    static Instant plus(Instant start, Duration d) {
        return d.compareTo(Duration.ofNanos(FOREVER)) >= 0 ? start.plusNanos(FOREVER) : start.plus(d);
    }

    static long toMillis(long nanos) {
        return nanos / 1_000_000;
    }
}
