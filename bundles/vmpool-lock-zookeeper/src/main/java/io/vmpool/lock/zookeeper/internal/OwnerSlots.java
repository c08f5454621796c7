package io.vmpool.lock.zookeeper.internal;

import io.vmpool.api.LimitExceededException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts the locks each owner of this node holds or waits for, to enforce {@code maxLocksPerOwner}
 * (an owner is one operation, so it lives on one node). An owner with no lock has no entry.
 */
final class OwnerSlots {
    private final ConcurrentMap<String, Integer> counts = new ConcurrentHashMap<>();

    /** Takes one slot for {@code owner}, or throws when it already has {@code max} (0: no limit). */
    void take(String owner, int max) {
        counts.compute(owner, (o, n) -> {
            int held = n == null ? 0 : n;
            if (max > 0 && held >= max) {
                throw new LimitExceededException("maxLocksPerOwner", max, ZooKeeperLockConfig.PID,
                        "owner '" + owner + "' already holds or waits for " + held + " locks");
            }
            return held + 1;
        });
    }

    /** Gives back one slot of {@code owner}. */
    void give(String owner) {
        counts.computeIfPresent(owner, (o, n) -> n <= 1 ? null : n - 1);
    }

    int count(String owner) {
        return counts.getOrDefault(owner, 0);
    }
}
