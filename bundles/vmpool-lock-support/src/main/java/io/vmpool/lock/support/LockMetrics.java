package io.vmpool.lock.support;

import io.vmpool.api.lock.LockStats;
import java.time.Duration;

/**
 * The counters and wait/hold times behind a lock manager's {@code stats()}: kept per thread
 * ({@link ThreadCounters}), so a grant or a release writes only its own thread's cell, with no
 * compare-and-set, and {@link #snapshot()} sums the cells. Held is grants minus ended holds (no
 * counter of its own). A backend with counters of its own extends it.
 */
public class LockMetrics {
    private static final int WAITING = 0;
    private static final int GRANTED = 1;
    private static final int TIMED_OUT = 2;
    private static final int LAPSED = 3;
    private static final int DEADLOCKS = 4;
    private static final int WAIT_NANOS = 5;
    private static final int HOLDS_ENDED = 6;
    private static final int HOLD_NANOS = 7;
    /** The node's slot count of a {@link LockSlots} built on these metrics. */
    static final int NODE_SLOTS = 8;
    private static final int MAX_WAIT = 0;
    private static final int MAX_HOLD = 1;

    private final ThreadCounters counters = new ThreadCounters(9, 2);

    /** The calling thread's cell, to pass to the counts of one acquire or release on this thread. */
    public CounterCell cell() {
        return counters.cell();
    }

    /** A grant after waiting {@code nanos} from the request (0 when it did not wait). */
    public void granted(long nanos) {
        granted(counters.cell(), nanos);
    }

    /** {@link #granted(long)}, counted in the calling thread's {@code c} (from {@link #cell()}). */
    public void granted(CounterCell c, long nanos) {
        c.add(GRANTED, 1);
        if (nanos > 0) { // most grants did not wait
            c.add(WAIT_NANOS, nanos);
            c.raise(MAX_WAIT, nanos);
        }
    }

    /** A holder left (released, lapsed, lost, forced out) after holding for {@code nanos}. */
    public void holdEnded(long nanos) {
        holdEnded(counters.cell(), nanos);
    }

    /** {@link #holdEnded(long)}, counted in the calling thread's {@code c} (from {@link #cell()}). */
    public void holdEnded(CounterCell c, long nanos) {
        c.add(HOLDS_ENDED, 1);
        c.add(HOLD_NANOS, nanos);
        c.raise(MAX_HOLD, nanos);
    }

    public void startedWaiting() {
        counters.cell().add(WAITING, 1);
    }

    public void stoppedWaiting() {
        counters.cell().add(WAITING, -1);
    }

    /** A request not granted within its wait (a zero-wait refusal included). */
    public void timedOut() {
        counters.cell().add(TIMED_OUT, 1);
    }

    /** A lease that ended without its holder releasing it. */
    public void lapsed() {
        counters.cell().add(LAPSED, 1);
    }

    /** A request refused because it would have closed a wait-for cycle. */
    public void deadlock() {
        counters.cell().add(DEADLOCKS, 1);
    }

    ThreadCounters counters() {
        return counters;
    }

    /** The counters now; means are over grants (wait) and ended holds (hold), zero before the first. */
    public LockStats snapshot() {
        long holds = counters.sum(HOLDS_ENDED); // read before the grants, so held is never negative
        long grants = counters.sum(GRANTED);
        return new LockStats((int) (grants - holds), (int) Math.max(0, counters.sum(WAITING)), grants,
                counters.sum(TIMED_OUT), counters.sum(LAPSED), counters.sum(DEADLOCKS),
                mean(counters.sum(WAIT_NANOS), grants), Duration.ofNanos(counters.max(MAX_WAIT)),
                mean(counters.sum(HOLD_NANOS), holds), Duration.ofNanos(counters.max(MAX_HOLD)));
    }

    private static Duration mean(long totalNanos, long count) {
        return count == 0 ? Duration.ZERO : Duration.ofNanos(totalNanos / count);
    }
}
