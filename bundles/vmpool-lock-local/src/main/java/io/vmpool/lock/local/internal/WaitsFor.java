package io.vmpool.lock.local.internal;

import io.vmpool.api.lock.LockMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Whom a queued request waits for: the valid holders it cannot share the resource with, and the
 * requests queued ahead of it that cannot be granted together with it (FIFO: they go first).
 */
final class WaitsFor {

    /** An owner that a request waits for, and whether it holds the resource or is queued ahead. */
    record Blocker(String owner, boolean holds) {
    }

    private WaitsFor() {
    }

    /**
     * The blockers of {@code waiter}, holders first. {@code queue} is read up to {@code waiter}, or to its
     * end when the waiter is not queued yet. The waiter's own owner is never its own blocker.
     */
    static List<Blocker> of(Iterable<LocalLease> holders, Iterable<Waiter> queue, Waiter waiter, long nowNanos) {
        List<Blocker> out = new ArrayList<>(2);
        for (LocalLease h : holders) {
            if (h.holdsAt(nowNanos) && conflict(h.mode(), waiter.mode) && !h.owner().equals(waiter.owner)) {
                out.add(new Blocker(h.owner(), true));
            }
        }
        for (Waiter ahead : queue) {
            if (ahead == waiter) {
                break;
            }
            if (conflict(ahead.mode, waiter.mode) && !ahead.owner.equals(waiter.owner)) {
                out.add(new Blocker(ahead.owner, false));
            }
        }
        return out;
    }

    /** The distinct owners {@code waiter} waits for, in order. */
    static List<String> owners(Iterable<LocalLease> holders, Iterable<Waiter> queue, Waiter waiter, long nowNanos) {
        return of(holders, queue, waiter, nowNanos).stream().map(Blocker::owner).distinct().toList();
    }

    private static boolean conflict(LockMode a, LockMode b) {
        return a == LockMode.EXCLUSIVE || b == LockMode.EXCLUSIVE;
    }
}
