package io.vmpool.lock.local.internal;

import io.vmpool.api.lock.LockMode;
import io.vmpool.lock.support.LockErrors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The current holders of one resource, with the earliest deadline among them so that finding
 * lapsed leases costs nothing until one may have lapsed. Not thread-safe: used under the
 * resource's lock.
 */
final class Holders {
    private final Map<Long, LocalLease> byToken = new LinkedHashMap<>();
    private int exclusive;
    /** No holder's deadline is earlier than this (it may be later than the earliest after a release). */
    private long earliestDeadline;

    boolean isEmpty() {
        return byToken.isEmpty();
    }

    /** Whether a new grant in {@code mode} can be made now. */
    boolean admits(LockMode mode) {
        return byToken.isEmpty() || (mode == LockMode.SHARED && exclusive == 0);
    }

    boolean heldBy(String owner) {
        for (LocalLease l : byToken.values()) {
            if (l.owner().equals(owner)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code lease} is one of the holders (the same object, not only the same token). */
    boolean contains(LocalLease lease) {
        return byToken.get(lease.token()) == lease;
    }

    void add(LocalLease lease) {
        if (byToken.isEmpty() || lease.term().deadlineNanos() - earliestDeadline < 0) {
            earliestDeadline = lease.term().deadlineNanos();
        }
        byToken.put(lease.token(), lease);
        if (lease.mode() == LockMode.EXCLUSIVE) {
            exclusive++;
        }
    }

    /** Notes a new, possibly earlier deadline of a holder (after a renew). */
    void deadlineChanged(long deadlineNanos) {
        if (deadlineNanos - earliestDeadline < 0) {
            earliestDeadline = deadlineNanos;
        }
    }

    boolean remove(LocalLease lease) {
        if (!contains(lease)) {
            return false;
        }
        byToken.remove(lease.token());
        if (lease.mode() == LockMode.EXCLUSIVE) {
            exclusive--;
        }
        return true;
    }

    /** Removes and returns every holder whose deadline has passed. */
    List<LocalLease> removeLapsed(long nowNanos) {
        if (byToken.isEmpty() || earliestDeadline - nowNanos > 0) {
            return List.of();
        }
        List<LocalLease> lapsed = new ArrayList<>();
        boolean first = true;
        for (Iterator<LocalLease> it = byToken.values().iterator(); it.hasNext(); ) {
            LocalLease l = it.next();
            if (l.term().lapsed(nowNanos)) {
                it.remove();
                lapsed.add(l);
                if (l.mode() == LockMode.EXCLUSIVE) {
                    exclusive--;
                }
            } else if (first || l.term().deadlineNanos() - earliestDeadline < 0) {
                earliestDeadline = l.term().deadlineNanos();
                first = false;
            }
        }
        return lapsed;
    }

    /** Nanoseconds until the earliest holder may lapse, or {@code Long.MAX_VALUE} with no holder. */
    long nanosToEarliestDeadline(long nowNanos) {
        return byToken.isEmpty() ? Long.MAX_VALUE : Math.max(0, earliestDeadline - nowNanos);
    }

    /** A live, read-only view for use under the resource's lock. */
    Collection<LocalLease> view() {
        return Collections.unmodifiableCollection(byToken.values());
    }

    List<LocalLease> all() {
        return new ArrayList<>(byToken.values());
    }

    /** The holders for a message, or {@code nobody}. */
    String describe() {
        return LockErrors.holders(byToken.values().stream().map(LocalLease::describe).toList());
    }
}
