package io.vmpool.lock.local.internal;

import io.vmpool.api.lock.LockMode;
import io.vmpool.lock.support.WaitStep;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The wait-for graph of one lock table. For every resource somebody waits for it mirrors the
 * holders and the queue (as grant groups, see {@link WaitsFor}), under one lock that only requests
 * which must wait, and changes to resources with waiters, take; an uncontended acquire never
 * touches it. A request about to queue is checked for a cycle back to its owner first, under that
 * lock, so of two requests closing a cycle at the same time the later one sees it. Callers hold the
 * resource's lock (resource lock, then this lock; never the other way round).
 *
 * <p>A cycle can only appear when a request queues: for those already waiting, the owners they
 * reach only shrink (grants go to the queue in order, nobody is granted past a queue, and a group
 * granted ahead becomes holders the waiters behind already reached through it). The search runs
 * backwards from the new waiter's owner, so it only visits those who wait for that owner.
 */
final class WaitForGraph {

    /** Queued requests of one resource granted together: one exclusive request, or a run of shared ones. */
    private static final class Group {
        final LockMode mode;
        final Set<Waiter> members = new LinkedHashSet<>(); // identity: Waiter keeps Object.equals
        Group prev;
        Group next;

        Group(LockMode mode) {
            this.mode = mode;
        }
    }

    /** The holders and queue of one resource with waiters, as mirrored. */
    private static final class Contention {
        final Set<LocalLease> holders = new HashSet<>();
        final Map<Waiter, Group> groupOf = new HashMap<>();
        Group tail;

        /** The group a request in {@code mode} waits behind once queued at the end. */
        Group aheadOfNew(LockMode mode) {
            return tail != null && WaitsFor.joins(tail.mode, mode) ? tail.prev : tail;
        }

        void append(Waiter w) {
            if (tail == null || !WaitsFor.joins(tail.mode, w.mode)) {
                Group g = new Group(w.mode);
                g.prev = tail;
                if (tail != null) {
                    tail.next = g;
                }
                tail = g;
            }
            tail.members.add(w);
            groupOf.put(w, tail);
        }

        boolean remove(Waiter w) {
            Group g = groupOf.remove(w);
            if (g == null) {
                return false;
            }
            g.members.remove(w);
            if (g.members.isEmpty()) {
                unlink(g);
            }
            return true;
        }

        private void unlink(Group g) {
            Group p = g.prev;
            Group n = g.next;
            link(p, n);
            if (p != null && n != null && WaitsFor.joins(p.mode, n.mode)) { // two shared runs meet: one group
                for (Waiter w : n.members) {
                    p.members.add(w);
                    groupOf.put(w, p);
                }
                link(p, n.next);
            }
        }

        private void link(Group p, Group n) {
            if (p != null) {
                p.next = n;
            }
            if (n != null) {
                n.prev = p;
            } else {
                tail = p;
            }
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Contention> contended = new HashMap<>();
    private final Map<String, List<Waiter>> waitsOf = new HashMap<>();
    private final Map<String, Set<LocalLease>> holdsOf = new HashMap<>(); // holders of mirrored resources

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
                c.holders.forEach(this::indexHolder);
            }
            c.append(waiter);
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
            if (c == null || !c.remove(waiter)) {
                return;
            }
            List<Waiter> waits = waitsOf.get(waiter.owner);
            waits.remove(waiter);
            if (waits.isEmpty()) {
                waitsOf.remove(waiter.owner);
            }
            if (c.groupOf.isEmpty()) {
                contended.remove(waiter.resource);
                c.holders.forEach(this::unindexHolder);
            } else if (granted != null) {
                c.holders.add(granted);
                indexHolder(granted);
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
            if (c != null && c.holders.remove(lease)) {
                unindexHolder(lease);
            }
        } finally {
            lock.unlock();
        }
    }

    private void indexHolder(LocalLease lease) {
        holdsOf.computeIfAbsent(lease.owner(), o -> new HashSet<>(2)).add(lease);
    }

    private void unindexHolder(LocalLease lease) {
        Set<LocalLease> held = holdsOf.get(lease.owner());
        if (held != null && held.remove(lease) && held.isEmpty()) {
            holdsOf.remove(lease.owner());
        }
    }

    /** How many resources with waiters are mirrored, and how many waits (for tests). */
    String size() {
        lock.lock();
        try {
            return contended.size() + " resources, " + waitsOf.values().stream().mapToInt(List::size).sum()
                    + " waits, " + holdsOf.values().stream().mapToInt(Set::size).sum() + " holds";
        } finally {
            lock.unlock();
        }
    }

    /**
     * Breadth first backwards from the new waiter's owner (who waits for what it holds, or behind its
     * other requests, and so on) until one of the owners the new waiter would wait for is reached: the
     * shortest cycle. Usually nobody waits for the owner at all, and the search ends at once.
     */
    private List<WaitStep> cycleThrough(Waiter start, Contention c, long nowNanos) {
        Map<String, WaitStep> first = new HashMap<>(); // what the new waiter would wait for
        for (LocalLease h : c.holders) {
            if (h.holdsAt(nowNanos) && WaitsFor.conflict(h.mode(), start.mode) && !h.owner().equals(start.owner)) {
                first.putIfAbsent(h.owner(), new WaitStep(start.owner, start.resource, h.owner(), true));
            }
        }
        Group ahead = c.aheadOfNew(start.mode);
        if (ahead != null) {
            for (Waiter a : ahead.members) {
                if (!a.owner.equals(start.owner)) {
                    first.putIfAbsent(a.owner, new WaitStep(start.owner, start.resource, a.owner, false));
                }
            }
        }
        if (first.isEmpty()) {
            return List.of();
        }
        Map<String, WaitStep> towardStart = new HashMap<>(); // owner -> its step to an owner nearer the start
        towardStart.put(start.owner, null);
        ArrayDeque<String> frontier = new ArrayDeque<>();
        frontier.add(start.owner);
        while (!frontier.isEmpty()) {
            String owner = frontier.poll();
            for (WaitStep step : waitingFor(owner, nowNanos)) {
                String waiting = step.owner();
                if (towardStart.containsKey(waiting)) {
                    continue;
                }
                towardStart.put(waiting, step);
                WaitStep closing = first.get(waiting);
                if (closing != null) {
                    return path(closing, towardStart, start.owner);
                }
                frontier.add(waiting);
            }
        }
        return List.of();
    }

    /** The steps of everybody who waits for {@code owner}: for what it holds, or behind its own requests. */
    private List<WaitStep> waitingFor(String owner, long nowNanos) {
        List<WaitStep> out = new ArrayList<>();
        for (LocalLease h : holdsOf.getOrDefault(owner, Set.of())) {
            Contention c = contended.get(h.resource());
            if (c == null || !h.holdsAt(nowNanos)) {
                continue;
            }
            for (Waiter w : c.groupOf.keySet()) {
                if (WaitsFor.conflict(h.mode(), w.mode) && !w.owner.equals(owner)) {
                    out.add(new WaitStep(w.owner, w.resource, owner, true));
                }
            }
        }
        for (Waiter mine : waitsOf.getOrDefault(owner, List.of())) {
            Group behind = contended.get(mine.resource).groupOf.get(mine).next;
            if (behind != null) {
                for (Waiter w : behind.members) {
                    if (!w.owner.equals(owner)) {
                        out.add(new WaitStep(w.owner, w.resource, owner, false));
                    }
                }
            }
        }
        return out;
    }

    private static List<WaitStep> path(WaitStep closing, Map<String, WaitStep> towardStart, String origin) {
        List<WaitStep> steps = new ArrayList<>();
        steps.add(closing);
        for (WaitStep s = towardStart.get(closing.blocker()); s != null; s = towardStart.get(s.blocker())) {
            steps.add(s);
        }
        return List.copyOf(steps);
    }
}
