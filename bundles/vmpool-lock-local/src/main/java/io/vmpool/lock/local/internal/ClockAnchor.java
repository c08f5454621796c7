package io.vmpool.lock.local.internal;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** A wall-clock reading and a monotonic one taken together, to turn later monotonic readings into wall-clock times. */
record ClockAnchor(long epochNanos, long nanoTime) {

    static ClockAnchor now() {
        long nanos = System.nanoTime();
        Instant wall = Instant.now();
        return new ClockAnchor(TimeUnit.SECONDS.toNanos(wall.getEpochSecond()) + wall.getNano(), nanos);
    }

    long epochNanosAt(long laterNanoTime) {
        return epochNanos + (laterNanoTime - nanoTime);
    }
}
