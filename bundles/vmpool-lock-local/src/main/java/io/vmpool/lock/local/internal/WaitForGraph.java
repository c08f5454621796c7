package io.vmpool.lock.local.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The wait-for graph of one lock table. For every resource somebody waits for it mirrors the
 * holders and the queue, under one lock that only requests which must wait (and changes to
 * resources with waiters) take; an uncontended acquire never touches it. A request about to queue
 * is checked for a cycle through its owner first, under that lock, so of two requests closing a
 * cycle at the same time the later one sees it. Callers hold the resource's lock (resource lock,
 * then this lock; never the other way round).
 *
 * <p>A cycle can only appear when a request queues: for those already waiting, the set of owners
 * they wait for only shrinks (grants go to the queue in order, and nobody is granted past a queue).
 */
final class WaitForGraph {

    /** The holders and queue of one resource with waiters, as mirrored. */
    private static final class Contention {
        final Set<LocalLease> holders = new LinkedHashSet<>();
        final Set<Waiter> queue = new LinkedHashSet<>();
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Contention> contended = new HashMap<>();
    private final Map<String, List<Waiter>> waitsOf = new HashMap<>();

    /**
     * Queues {@code waiter} at the end of its resource's mirror, whose holders are {@code holders} now;
     * or, if it would close a wait-for cycle, records nothing and returns the cycle (starting with the
     * waiter's own step). An empty list means: queued, no cycle.
     */
    List<WaitStep> join(Waiter waiter, Iterable<LocalLease> holders, long nowNanos) {
        lock.lock();
        try {
            Contention c = contended.get(waiter.resource);
            boolean fresh = c == null;
            if (fresh) {
                c = new Contention();
                holders.forEach(c.holders::add);
            }
            List<WaitStep> cycle = cycleThrough(waiter, c, nowNanos);
            if (!cycle.isEmpty()) {
                return cycle;
            }
            if (fresh) {
                contended.put(waiter.resource, c);
            }
            c.queue.add(waiter);
            waitsOf.computeIfAbsent(waiter.owner, o -> new ArrayList<>(1)).add(waiter);
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    /** Takes {@code waiter} out of the queue; {@code granted} is its new lease, or null when it gave up. */
    void leave(Waiter waiter, LocalLease granted) {
        lock.lock();
        try {
            Contention c = contended.get(waiter.resource);
            if (c == null || !c.queue.remove(waiter)) {
                return;
            }
            List<Waiter> waits = waitsOf.get(waiter.owner);
            waits.remove(waiter);
            if (waits.isEmpty()) {
                waitsOf.remove(waiter.owner);
            }
            if (c.queue.isEmpty()) {
                contended.remove(waiter.resource);
            } else if (granted != null) {
                c.holders.add(granted);
            }
        } finally {
            lock.unlock();
        }
    }

    /** A holder of a resource with waiters left (released, lapsed, forced out). */
    void holderLeft(LocalLease lease) {
        lock.lock();
        try {
            Contention c = contended.get(lease.resource());
            if (c != null) {
                c.holders.remove(lease);
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many resources have waiters, as mirrored (for tests). */
    int contendedResources() {
        lock.lock();
        try {
            return contended.size();
        } finally {
            lock.unlock();
        }
    }

    /** Breadth first from the new waiter, so the shortest cycle back to its owner is the one reported. */
    private List<WaitStep> cycleThrough(Waiter start, Contention startContention, long nowNanos) {
        Map<String, WaitStep> reachedBy = new HashMap<>();
        ArrayDeque<Waiter> frontier = new ArrayDeque<>();
        frontier.add(start);
        while (!frontier.isEmpty()) {
            Waiter w = frontier.poll();
            Contention c = w == start ? startContention : contended.get(w.resource);
            if (c == null) {
                continue;
            }
            for (WaitsFor.Blocker b : WaitsFor.of(c.holders, c.queue, w, nowNanos)) {
                WaitStep step = new WaitStep(w.owner, w.resource, b.owner(), b.holds());
                if (b.owner().equals(start.owner)) {
                    return path(reachedBy, step, start.owner);
                }
                if (reachedBy.putIfAbsent(b.owner(), step) == null) {
                    frontier.addAll(waitsOf.getOrDefault(b.owner(), List.of()));
                }
            }
        }
        return List.of();
    }

    private static List<WaitStep> path(Map<String, WaitStep> reachedBy, WaitStep last, String origin) {
        LinkedList<WaitStep> steps = new LinkedList<>();
        for (WaitStep s = last; ; s = reachedBy.get(s.owner())) {
            steps.addFirst(s);
            if (s.owner().equals(origin)) {
                return List.copyOf(steps);
            }
        }
    }
}
