package io.vmpool.lock.local.internal;

import io.vmpool.api.lock.LockInfo;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockWaiter;
import io.vmpool.lock.support.CounterCell;
import io.vmpool.lock.support.LockLimits;
import io.vmpool.lock.support.LockMetrics;
import io.vmpool.lock.support.LockSlots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every resource in use, each with its own state and lock, so requests for different resources
 * never wait for each other. A resource with no holder and no waiter has no entry.
 *
 * <p>An idle state is dropped at once while no reaper runs; with a reaper it stays until the reaper's
 * next sweep, so a resource taken again and again (the usual pattern: one machine's operations one
 * after another) does not insert and remove a map entry every time. Either way an idle resource
 * costs memory for at most one reaper interval.
 *
 * <p>Wall-clock times of grants are read off the monotonic clock from an anchor (one wall-clock and
 * one monotonic reading taken together), which the reaper renews at every sweep, so a grant costs no
 * wall-clock read and the times shown follow a wall clock that is set, within one interval.
 *
 * <p>Fencing tokens are counted per resource, in its state ({@link ResourceState}: the argument is
 * there), so a grant writes no field shared by all resources. Across the times a resource's state is
 * dropped and made again they still only grow: a state that retires puts its highest token into
 * {@link #retiredTokens} (an atomic maximum) before it leaves the map, and a state's first grant starts
 * above {@code retiredTokens} as it reads it then, which is after its state entered the map, so after the
 * earlier state left it. A token is at most the number of grant attempts the table has made (each is one
 * above a mark some earlier attempt set), as with one counter for all; a {@code long} does not run out
 * (and {@code Math.incrementExact} would fail loudly rather than wrap). No stride or block size: nothing
 * is reserved ahead.
 */
final class LockTable {
    private final ConcurrentMap<String, ResourceState> resources = new ConcurrentHashMap<>();
    /** The highest token mark of any state that has retired: where a state made later starts. */
    private final AtomicLong retiredTokens = new AtomicLong();
    private final LockSlots slots;
    private final WaitForGraph graph = new WaitForGraph();
    private final LockMetrics metrics = new LockMetrics();
    private final String node;
    private volatile boolean retireAtOnce = true;
    private volatile ClockAnchor clock = ClockAnchor.now();
    private volatile TickingClock ticking; // null: read the system clock
    private volatile Duration tickingMinTtl = Duration.ZERO;

    LockTable(String node) {
        this.node = node;
        this.slots = new LockSlots(node, metrics); // one per-thread cell for the slot and the stats of an acquire or release
    }

    LocalLease acquire(LockRequest request, LockLimits limits) throws InterruptedException {
        long start = grantClock(request.ttl());
        CounterCell cell = metrics.cell();
        boolean ownerCounted = slots.takeOwnerIfLimited(request.owner(), limits, cell);
        boolean granted = false;
        try {
            while (true) {
                LocalLease lease = stateOf(request.resource()).acquire(request, limits, start, ownerCounted, cell);
                if (lease != null) {
                    granted = true;
                    return lease;
                }
            }
        } finally {
            if (!granted) {
                slots.give(request.owner(), ownerCounted, cell);
            }
        }
    }

    /** The state of {@code resource}, made when there is none: a plain get, then a putIfAbsent (no lambda). */
    private ResourceState stateOf(String resource) {
        ResourceState state = resources.get(resource);
        if (state != null) {
            return state;
        }
        ResourceState fresh = new ResourceState(resource, this);
        state = resources.putIfAbsent(resource, fresh);
        return state == null ? fresh : state;
    }

    /** Whether {@code lease} was granted by this table. */
    boolean issued(LocalLease lease) {
        return lease.home().table() == this;
    }

    /** Releases every lapsed lease now, drops idle states and renews the wall-clock anchor. */
    void reap() {
        clock = ClockAnchor.now();
        for (ResourceState state : resources.values()) {
            state.reap();
        }
    }

    /** Whether idle states are dropped as soon as they are idle (no reaper) or at the reaper's sweep. */
    void retireAtOnce(boolean atOnce) {
        retireAtOnce = atOnce;
    }

    boolean retiresAtOnce() {
        return retireAtOnce;
    }

    /** Reads the ticking clock from now on ({@code null}: the system clock), for leases of at least {@code minTtl}. */
    void useClock(TickingClock clock, Duration minTtl) {
        tickingMinTtl = minTtl;
        ticking = clock;
    }

    /** The time a request for a lease of {@code ttl} starts at: the ticking clock for a long lease, else the system clock. */
    private long grantClock(Duration ttl) {
        TickingClock t = ticking;
        return t != null && ttl.compareTo(tickingMinTtl) >= 0 ? t.now() : System.nanoTime();
    }

    /** The time a release ends a hold at, for its hold time and the lapse check of other holders (a late reading is safe there). */
    long releaseClock() {
        TickingClock t = ticking;
        return t != null ? t.now() : System.nanoTime();
    }

    /** The wall-clock time, in nanoseconds since the epoch, of the monotonic reading {@code nanoTime}. */
    long epochNanosAt(long nanoTime) {
        return clock.epochNanosAt(nanoTime);
    }

    List<LockInfo> held() {
        List<LockInfo> out = new ArrayList<>();
        for (ResourceState state : resources.values()) {
            state.listHeld(out, node);
        }
        out.sort(Comparator.comparing(LockInfo::resource).thenComparingLong(LockInfo::token));
        return out;
    }

    List<LockWaiter> waiters() {
        List<LockWaiter> out = new ArrayList<>();
        for (ResourceState state : resources.values()) {
            state.listWaiters(out, node);
        }
        out.sort(Comparator.comparing(LockWaiter::resource).thenComparing(LockWaiter::since));
        return out;
    }

    /** Releases every lease on {@code resource} whatever its holder; returns them. */
    List<LocalLease> forceRelease(String resource) {
        ResourceState state = resources.get(resource);
        return state == null ? List.of() : state.releaseWhere(l -> true, LocalLease.State.FORCE_RELEASED);
    }

    /** Releases every lease of {@code owner}, on any resource; returns them. */
    List<LocalLease> releaseOwner(String owner) {
        List<LocalLease> out = new ArrayList<>();
        for (ResourceState state : resources.values()) {
            out.addAll(state.releaseWhere(l -> l.owner().equals(owner), LocalLease.State.RELEASED));
        }
        return out;
    }

    WaitForGraph graph() {
        return graph;
    }

    LockMetrics metrics() {
        return metrics;
    }

    /** How many resources have a state now (held or waited for, or idle until the reaper's sweep). */
    int resourcesInUse() {
        return resources.size();
    }

    /** How many requests wait for {@code resource} now. */
    int waiting(String resource) {
        ResourceState state = resources.get(resource);
        return state == null ? 0 : state.waiting();
    }

    /** How many locks {@code owner} holds or waits for: its slots while owners are counted, else from the states. */
    int locksOf(String owner, LockLimits limits) {
        if (limits.maxLocksPerOwner() > 0) {
            return slots.count(owner);
        }
        int n = 0;
        for (ResourceState state : resources.values()) {
            n += state.locksOf(owner);
        }
        return n;
    }

    /** The highest token of any state that has retired (0: none yet); a new state's first token is above it. */
    long retiredTokens() {
        return retiredTokens.get();
    }

    /** A holder left (released or lapsed) after holding {@code heldNanos}: its slot is free again, its hold counted. */
    void left(LocalLease lease, long heldNanos) {
        CounterCell cell = lease.cellIfCurrentThread();
        if (cell == null) {
            cell = metrics.cell();
        }
        slots.give(lease.owner(), lease.ownerCounted(), cell);
        metrics.holdEnded(cell, heldNanos);
    }

    /**
     * Drops an idle state; called under that state's lock, after it is marked retired. Its last token goes
     * into {@link #retiredTokens} before it leaves the map, so the resource's next state, made after that,
     * starts above it.
     */
    void retire(ResourceState state, long lastToken) {
        retiredTokens.accumulateAndGet(lastToken, Math::max);
        resources.remove(state.resource(), state);
    }
}
