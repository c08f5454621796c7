package io.vmpool.lock.support;

import io.vmpool.api.lock.LockStats;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters and wait/hold times behind a lock manager's {@code stats()}: adders and atomic maxima,
 * no lock, cheap on every request. Held is grants minus ended holds (no counter of its own). A backend with counters of its own extends it.
 */
public class LockMetrics {
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

    /** A grant after waiting {@code nanos} from the request (0 when it did not wait). */
    public void granted(long nanos) {
        granted.increment();
        if (nanos > 0) { // most grants did not wait: no write
            waitNanos.add(nanos);
            raise(maxWaitNanos, nanos);
        }
    }

    /** A holder left (released, lapsed, lost, forced out) after holding for {@code nanos}. */
    public void holdEnded(long nanos) {
        holdsEnded.increment();
        holdNanos.add(nanos);
        raise(maxHoldNanos, nanos);
    }

    public void startedWaiting() {
        waiting.increment();
    }

    public void stoppedWaiting() {
        waiting.decrement();
    }

    /** A request not granted within its wait (a zero-wait refusal included). */
    public void timedOut() {
        timedOut.increment();
    }

    /** A lease that ended without its holder releasing it. */
    public void lapsed() {
        lapsed.increment();
    }

    /** A request refused because it would have closed a wait-for cycle. */
    public void deadlock() {
        deadlocks.increment();
    }

    /** The counters now; means are over grants (wait) and ended holds (hold), zero before the first. */
    public LockStats snapshot() {
        long holds = holdsEnded.sum(); // read before the grants, so held is never negative
        long grants = granted.sum();
        return new LockStats((int) (grants - holds), (int) waiting.sum(), grants, timedOut.sum(), lapsed.sum(),
                deadlocks.sum(), mean(waitNanos.sum(), grants), Duration.ofNanos(maxWaitNanos.get()),
                mean(holdNanos.sum(), holds), Duration.ofNanos(maxHoldNanos.get()));
    }

    private static Duration mean(long totalNanos, long count) {
        return count == 0 ? Duration.ZERO : Duration.ofNanos(totalNanos / count);
    }

    /** Raises {@code max} to {@code value}; reads first, so a value below the maximum costs no write. */
    private static void raise(AtomicLong max, long value) {
        if (value > max.get()) {
            max.accumulateAndGet(value, Math::max);
        }
    }
}
