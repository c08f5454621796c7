package io.vmpool.lock.zookeeper.internal;

import io.vmpool.lock.support.WaitStep;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * The wait-for graph of this node's waiting requests. An edge goes from a waiter to each request
 * ahead of it that it waits for, kept by znode path and turned into an owner only when searched
 * (a lease of this node, or another waiter of this node), so an edge to a request that registers
 * later is still followed. Registering and searching happen under one lock, so of two requests
 * closing a cycle the later one sees it. Requests of other nodes end a search: a cycle through
 * another node is not seen here, and is ended by the waits' timeouts (docs/zookeeper.md).
 */
final class WaitForGraph {
    private final LeaseTable leases;
    private final Map<PendingRequest, List<PendingRequest.Blocker>> edges = new HashMap<>();
    private final Map<String, PendingRequest> byPath = new HashMap<>();
    private final Map<String, List<PendingRequest>> byOwner = new HashMap<>();

    WaitForGraph(LeaseTable leases) {
        this.leases = leases;
    }

    /**
     * Records that {@code waiter} now waits for {@code blockers}; or, if that closes a wait-for cycle,
     * takes the waiter out and returns the cycle, starting with its own step. Empty: no cycle.
     */
    synchronized List<WaitStep> waitFor(PendingRequest waiter, List<PendingRequest.Blocker> blockers) {
        if (edges.put(waiter, List.copyOf(blockers)) == null) {
            byPath.put(waiter.path, waiter);
            byOwner.computeIfAbsent(waiter.owner, o -> new ArrayList<>(1)).add(waiter);
        }
        List<WaitStep> cycle = cycleThrough(waiter);
        if (!cycle.isEmpty()) {
            leave(waiter);
        }
        return cycle;
    }

    synchronized void leave(PendingRequest waiter) {
        if (edges.remove(waiter) == null) {
            return;
        }
        byPath.remove(waiter.path, waiter);
        List<PendingRequest> mine = byOwner.get(waiter.owner);
        mine.remove(waiter);
        if (mine.isEmpty()) {
            byOwner.remove(waiter.owner);
        }
    }

    /** The owner of the request at {@code path}, if it is of this node; null otherwise. */
    synchronized String ownerAt(String path) {
        ZooKeeperLease lease = leases.at(path);
        if (lease != null) {
            return lease.owner();
        }
        PendingRequest waiter = byPath.get(path);
        return waiter == null ? null : waiter.owner;
    }

    synchronized List<PendingRequest> all() {
        return new ArrayList<>(edges.keySet());
    }

    /** Breadth first from {@code start}, so the shortest cycle back to its owner is the one reported. */
    private List<WaitStep> cycleThrough(PendingRequest start) {
        Map<String, WaitStep> reachedBy = new HashMap<>();
        ArrayDeque<PendingRequest> frontier = new ArrayDeque<>();
        frontier.add(start);
        while (!frontier.isEmpty()) {
            PendingRequest w = frontier.poll();
            for (PendingRequest.Blocker b : edges.getOrDefault(w, List.of())) {
                String blocker = ownerAt(b.path());
                if (blocker == null || blocker.equals(w.owner)) {
                    continue;
                }
                WaitStep step = new WaitStep(w.owner, w.resource, blocker, b.holds());
                if (blocker.equals(start.owner)) {
                    return path(reachedBy, step, start.owner);
                }
                if (reachedBy.putIfAbsent(blocker, step) == null) {
                    frontier.addAll(byOwner.getOrDefault(blocker, List.of()));
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
