package io.vmpool.lock.support;

import java.time.Duration;
import java.time.Instant;

/**
 * Durations as nanosecond deadlines without overflow: anything from about 73 years up (a wait or
 * lease of "forever") counts as that, so {@code System.nanoTime() + of(d)} never wraps.
 */
public final class Nanos {
    private static final long FOREVER = Long.MAX_VALUE / 4;
    /** Made once: a Duration made per call was not always removed by the JIT (a lock grant calls {@link #of}). */
    private static final Duration FOREVER_DURATION = Duration.ofNanos(FOREVER);

    private Nanos() {
    }

    /** {@code d} in nanoseconds, capped at "forever". */
    public static long of(Duration d) {
        return d.compareTo(FOREVER_DURATION) >= 0 ? FOREVER : d.toNanos();
    }

    /** {@code start + d}, with {@code d} capped as in {@link #of}. */
    public static Instant plus(Instant start, Duration d) {
        return d.compareTo(FOREVER_DURATION) >= 0 ? start.plusNanos(FOREVER) : start.plus(d);
    }

    public static long toMillis(long nanos) {
        return nanos / 1_000_000;
    }
}
