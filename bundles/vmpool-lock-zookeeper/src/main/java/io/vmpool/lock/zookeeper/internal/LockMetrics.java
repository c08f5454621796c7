package io.vmpool.lock.zookeeper.internal;

import io.vmpool.api.lock.LockStats;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * This node's counters and wait/hold times. {@code lapsed} counts every lease that ended without
 * its holder releasing it: its TTL passed, or the ZooKeeper session was suspended or lost;
 * {@link #sessionLosses()} counts the suspensions and losses themselves.
 */
final class LockMetrics {
    private final LongAdder held = new LongAdder();
    private final LongAdder waiting = new LongAdder();
    private final LongAdder granted = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder lapsed = new LongAdder();
    private final LongAdder deadlocks = new LongAdder();
    private final LongAdder sessionLosses = new LongAdder();
    private final LongAdder waitNanos = new LongAdder();
    private final AtomicLong maxWaitNanos = new AtomicLong();
    private final LongAdder holdsEnded = new LongAdder();
    private final LongAdder holdNanos = new LongAdder();
    private final AtomicLong maxHoldNanos = new AtomicLong();

    void granted(long waitedNanos) {
        held.increment();
        granted.increment();
        waitNanos.add(waitedNanos);
        maxWaitNanos.accumulateAndGet(waitedNanos, Math::max);
    }

    void holdEnded(long heldNanos) {
        held.decrement();
        holdsEnded.increment();
        holdNanos.add(heldNanos);
        maxHoldNanos.accumulateAndGet(heldNanos, Math::max);
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

    void sessionLoss() {
        sessionLosses.increment();
    }

    long sessionLosses() {
        return sessionLosses.sum();
    }

    long lapsedCount() {
        return lapsed.sum();
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
}
