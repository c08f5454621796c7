package io.vmpool.lock.local.internal;

import io.vmpool.api.lock.LockMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whom each queued request waits for. A queue is a sequence of grant groups (one exclusive request,
 * or a run of consecutive shared ones, granted together); a request waits for the valid holders it
 * cannot share the resource with and for the members of the group just ahead of its own (they go
 * first; whoever is further ahead it waits for through them). {@link WaitForGraph} follows the same
 * rule.
 */
final class WaitsFor {

    private WaitsFor() {
    }

    /** For each request of {@code queue}, in queue order, the distinct owners it waits for. */
    static List<List<String>> of(Iterable<LocalLease> holders, Iterable<Waiter> queue, long nowNanos) {
        List<List<String>> out = new ArrayList<>();
        List<Waiter> ahead = List.of();
        List<Waiter> group = new ArrayList<>();
        for (Waiter w : queue) {
            if (group.isEmpty() || !joins(group.get(0).mode, w.mode)) {
                ahead = group;
                group = new ArrayList<>();
            }
            group.add(w);
            Set<String> owners = new LinkedHashSet<>();
            for (LocalLease h : holders) {
                if (h.holdsAt(nowNanos) && conflict(h.mode(), w.mode) && !h.owner().equals(w.owner)) {
                    owners.add(h.owner());
                }
            }
            for (Waiter a : ahead) {
                if (!a.owner.equals(w.owner)) {
                    owners.add(a.owner);
                }
            }
            out.add(List.copyOf(owners));
        }
        return out;
    }

    /** Whether a request in {@code next} mode joins the grant group of one in {@code last} mode. */
    static boolean joins(LockMode last, LockMode next) {
        return last == LockMode.SHARED && next == LockMode.SHARED;
    }

    static boolean conflict(LockMode a, LockMode b) {
        return a == LockMode.EXCLUSIVE || b == LockMode.EXCLUSIVE;
    }
}
