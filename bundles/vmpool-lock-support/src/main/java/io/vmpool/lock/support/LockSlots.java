package io.vmpool.lock.support;

import io.vmpool.api.LimitExceededException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts the locks each owner, and the whole manager (node), holds or waits for, to enforce
 * {@code maxLocksPerOwner} and {@code maxLocksPerNode}. A request takes a slot before it asks and gives
 * it back once it failed or its lease ended: exactly one {@link #give} per successful {@link #take}.
 * An owner with no lock has no entry, so memory follows the owners in use. The node's count is kept per thread,
 * so with {@code maxLocksPerNode} off it costs the lock path no shared write; with it on, takes are
 * serialised for the check (gives only lower the count, so none passes the limit). The node is always
 * counted (a node limit set later counts the locks already held); a backend may leave owners uncounted
 * while {@code maxLocksPerOwner} is off ({@link #takeOwnerIfLimited}), so that costs nothing either.
 */
public final class LockSlots {
    private final String node;
    private final ConcurrentMap<String, Integer> owners = new ConcurrentHashMap<>();
    private final ThreadCounters total; // per thread: a take and its give may be on different threads
    private final int at; // the node's counter in total's row
    private final boolean shared; // total is a LockMetrics' row: a CounterCell of it may be passed in

    /** Slots of the manager on {@code node} (the name its per-node errors give). */
    public LockSlots(String node) {
        this.node = node;
        this.total = new ThreadCounters(1, 0);
        this.at = 0;
        this.shared = false;
    }

    /**
     * Slots of the manager on {@code node} that count the node in {@code metrics}' per-thread cells, so a backend
     * can pass one {@link CounterCell} ({@link LockMetrics#cell()}) to the slots and the stats of one acquire or release.
     */
    public LockSlots(String node, LockMetrics metrics) {
        this.node = node;
        this.total = metrics.counters();
        this.at = LockMetrics.NODE_SLOTS;
        this.shared = true;
    }

    /** Takes one slot for {@code owner}; or throws, taking nothing, when {@code owner} or this node is at its limit. */
    public void take(String owner, LockLimits limits) {
        takeOwnerSlot(owner, limits);
        boolean taken = false;
        try {
            takeNodeSlot(limits, null);
            taken = true;
        } finally {
            if (!taken) {
                giveOwnerSlot(owner);
            }
        }
    }

    /**
     * Like {@link #take}, but counts {@code owner} only while {@code maxLocksPerOwner} is set: returns whether
     * it did, to be passed to {@link #give(String, boolean)}. A per-owner limit set later counts the locks taken
     * from then on.
     */
    public boolean takeOwnerIfLimited(String owner, LockLimits limits) {
        return takeOwnerIfLimited(owner, limits, null);
    }

    /**
     * {@link #takeOwnerIfLimited(String, LockLimits)} counting the node in the calling thread's {@code cell} (from
     * {@link LockMetrics#cell()} of the metrics these slots were built on; null: looked up here).
     */
    public boolean takeOwnerIfLimited(String owner, LockLimits limits, CounterCell cell) {
        if (limits.maxLocksPerOwner() > 0) {
            take(owner, limits);
            return true;
        }
        takeNodeSlot(limits, cell);
        return false;
    }

    /** Gives back one slot of {@code owner} (and of the node). */
    public void give(String owner) {
        give(owner, true);
    }

    /** Gives back one slot of the node, and of {@code owner} when {@code ownerCounted} (from {@link #takeOwnerIfLimited}). */
    public void give(String owner, boolean ownerCounted) {
        give(owner, ownerCounted, null);
    }

    /** {@link #give(String, boolean)} counting the node in the calling thread's {@code cell} (as for {@link #takeOwnerIfLimited(String, LockLimits, CounterCell)}). */
    public void give(String owner, boolean ownerCounted, CounterCell cell) {
        if (ownerCounted) {
            giveOwnerSlot(owner);
        }
        cell(cell).add(at, -1);
    }

    /** How many locks {@code owner} holds or waits for. */
    public int count(String owner) {
        return owners.getOrDefault(owner, 0);
    }

    /** How many locks this node holds or waits for, all owners together. */
    public int total() {
        return (int) total.sum(at);
    }

    private void takeOwnerSlot(String owner, LockLimits limits) {
        int max = limits.maxLocksPerOwner();
        owners.compute(owner, (o, n) -> {
            int held = n == null ? 0 : n;
            if (max > 0 && held >= max) {
                throw new LimitExceededException("maxLocksPerOwner", max, limits.pid(),
                        "owner '" + owner + "' already holds or waits for " + held + " locks");
            }
            return held + 1;
        });
    }

    private void giveOwnerSlot(String owner) {
        owners.computeIfPresent(owner, (o, n) -> n <= 1 ? null : n - 1);
    }

    /** The passed cell if it is one of total's, else the calling thread's. */
    private CounterCell cell(CounterCell passed) {
        return passed != null && shared ? passed : total.cell();
    }

    private void takeNodeSlot(LockLimits limits, CounterCell passed) {
        int max = limits.maxLocksPerNode();
        if (max == 0) {
            cell(passed).add(at, 1);
            return;
        }
        synchronized (this) {
            long held = total.sum(at);
            if (held >= max) {
                throw new LimitExceededException("maxLocksPerNode", max, limits.pid(),
                        "node '" + node + "' already holds or waits for " + held + " locks");
            }
            cell(passed).add(at, 1);
        }
    }
}
