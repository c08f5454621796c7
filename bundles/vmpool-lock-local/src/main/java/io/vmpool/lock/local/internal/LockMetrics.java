package io.vmpool.lock.local.internal;

import io.vmpool.api.lock.LockStats;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters and wait/hold times of one lock table; adders and atomic maxima, cheap on every request. */
final class LockMetrics {
    private final LongAdder held = new LongAdder();
    private final LongAdder waiting = new LongAdder();
    private final LongAdder granted = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder lapsed = new LongAdder();
    private final LongAdder deadlocks = new LongAdder();
    private final LongAdder waitNanos = new LongAdder();
    private final AtomicLong maxWaitNanos = new AtomicLong();
    private final LongAdder holdsEnded = new LongAdder();
    private final LongAdder holdNanos = new LongAdder();
    private final AtomicLong maxHoldNanos = new AtomicLong();

    /** A grant after waiting {@code nanos} (0 when it did not wait). */
    void granted(long nanos) {
        held.increment();
        granted.increment();
        waitNanos.add(nanos);
        raise(maxWaitNanos, nanos);
    }

    /** A holder left after holding for {@code nanos}. */
    void holdEnded(long nanos) {
        held.decrement();
        holdsEnded.increment();
        holdNanos.add(nanos);
        raise(maxHoldNanos, nanos);
    }

    void startedWaiting() {
        waiting.increment();
    }

    void stoppedWaiting() {
        waiting.decrement();
    }

    void timedOut() {
        timedOut.increment();
    }

    void lapsed() {
        lapsed.increment();
    }

    void deadlock() {
        deadlocks.increment();
    }

    LockStats snapshot() {
        long grants = granted.sum();
        long holds = holdsEnded.sum();
        return new LockStats((int) held.sum(), (int) waiting.sum(), grants, timedOut.sum(), lapsed.sum(),
                deadlocks.sum(), mean(waitNanos.sum(), grants), Duration.ofNanos(maxWaitNanos.get()),
                mean(holdNanos.sum(), holds), Duration.ofNanos(maxHoldNanos.get()));
    }

    private static Duration mean(long totalNanos, long count) {
        return count == 0 ? Duration.ZERO : Duration.ofNanos(totalNanos / count);
    }

    private static void raise(AtomicLong max, long value) {
        if (value > max.get()) {
            max.accumulateAndGet(value, Math::max);
        }
    }
}
