package io.vmpool.lock.zookeeper.internal;

import io.vmpool.lock.support.LockMetrics;
import java.util.concurrent.atomic.LongAdder;

/**
 * This node's counters and wait/hold times. {@code lapsed} counts every lease that ended without
 * its holder releasing it: its TTL passed, or the ZooKeeper session was suspended or lost;
 * {@link #sessionLosses()} counts the suspensions and losses themselves.
 */
final class ZooKeeperMetrics extends LockMetrics {
    private final LongAdder sessionLosses = new LongAdder();

    void sessionLoss() {
        sessionLosses.increment();
    }

    long sessionLosses() {
        return sessionLosses.sum();
    }
}
