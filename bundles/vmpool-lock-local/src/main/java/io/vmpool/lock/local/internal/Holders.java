package io.vmpool.lock.local.internal;

import io.vmpool.api.lock.LockMode;
import io.vmpool.lock.support.LockErrors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The current holders of one resource: one field for the usual single holder, a {@link SharedHolders}
 * list only while several shared holders share it (several holders are always all shared). The base
 * class of {@link ResourceState}, so a held resource is one object. Not thread-safe: used under the
 * resource's lock.
 */
abstract class Holders {
    private LocalLease one; // the only holder, or null
    private SharedHolders several; // non-null only while two or more hold (and then one is null)

    final boolean isEmpty() {
        return one == null && several == null;
    }

    /** Whether a new grant in {@code mode} can be made now. */
    final boolean admits(LockMode mode) {
        return isEmpty() || (mode == LockMode.SHARED && (one == null || one.mode() == LockMode.SHARED));
    }

    final boolean heldBy(String owner) {
        if (one != null) {
            return one.owner().equals(owner);
        }
        return several != null && several.heldBy(owner);
    }

    /** Whether {@code lease} is one of the holders (the same object). */
    final boolean contains(LocalLease lease) {
        return one == lease || (several != null && several.indexOf(lease) >= 0);
    }

    final void add(LocalLease lease) {
        if (isEmpty()) {
            one = lease;
        } else if (several == null) {
            several = new SharedHolders(one, lease);
            one = null;
        } else {
            several.add(lease);
        }
    }

    /** Notes a new, possibly earlier deadline of a holder (after a renew). */
    final void deadlineChanged(long deadlineNanos) {
        if (several != null) {
            several.deadlineChanged(deadlineNanos);
        }
    }

    final boolean remove(LocalLease lease) {
        if (one == lease) {
            one = null;
            return true;
        }
        if (several == null || !several.remove(lease)) {
            return false;
        }
        shrink();
        return true;
    }

    /** Removes and returns every holder whose deadline has passed. */
    final List<LocalLease> removeLapsed(long nowNanos) {
        if (one != null) {
            if (!one.lapsedAt(nowNanos)) {
                return List.of();
            }
            LocalLease lapsed = one;
            one = null;
            return List.of(lapsed);
        }
        if (several == null) {
            return List.of();
        }
        List<LocalLease> lapsed = several.removeLapsed(nowNanos);
        shrink();
        return lapsed;
    }

    /** Nanoseconds until the earliest holder may lapse, or {@code Long.MAX_VALUE} with no holder. */
    final long nanosToEarliestDeadline(long nowNanos) {
        if (one != null) {
            return Math.max(0, one.deadlineNanos() - nowNanos);
        }
        return several == null ? Long.MAX_VALUE : several.nanosToEarliestDeadline(nowNanos);
    }

    /** A read-only view for use under the resource's lock. */
    final List<LocalLease> view() {
        if (one != null) {
            return List.of(one);
        }
        return several == null ? List.of() : several.view();
    }

    final List<LocalLease> all() {
        return new ArrayList<>(view());
    }

    /** The holders for a message, or {@code nobody}. */
    final String describe() {
        return LockErrors.holders(view().stream().map(LocalLease::describe).toList());
    }

    /** Back to the single field when only one shared holder is left, to nothing when none is. */
    private void shrink() {
        if (several.size() <= 1) {
            one = several.size() == 1 ? several.view().get(0) : null;
            several = null;
        }
    }

    /** Two or more shared holders, in grant order, with the earliest deadline among them. */
    private static final class SharedHolders {
        private final List<LocalLease> leases = new ArrayList<>();
        /** No holder's deadline is earlier than this (it may be later than the earliest after a release). */
        private long earliestDeadline;

        SharedHolders(LocalLease first, LocalLease second) {
            earliestDeadline = first.deadlineNanos();
            add(first);
            add(second);
        }

        void add(LocalLease lease) {
            leases.add(lease);
            deadlineChanged(lease.deadlineNanos());
        }

        void deadlineChanged(long deadlineNanos) {
            if (deadlineNanos - earliestDeadline < 0) {
                earliestDeadline = deadlineNanos;
            }
        }

        boolean heldBy(String owner) {
            for (LocalLease l : leases) {
                if (l.owner().equals(owner)) {
                    return true;
                }
            }
            return false;
        }

        int indexOf(LocalLease lease) {
            for (int i = 0; i < leases.size(); i++) {
                if (leases.get(i) == lease) {
                    return i;
                }
            }
            return -1;
        }

        boolean remove(LocalLease lease) {
            int i = indexOf(lease);
            if (i < 0) {
                return false;
            }
            leases.remove(i);
            return true;
        }

        List<LocalLease> removeLapsed(long nowNanos) {
            if (earliestDeadline - nowNanos > 0) {
                return List.of();
            }
            List<LocalLease> lapsed = new ArrayList<>();
            boolean first = true;
            for (var it = leases.iterator(); it.hasNext(); ) {
                LocalLease l = it.next();
                if (l.lapsedAt(nowNanos)) {
                    it.remove();
                    lapsed.add(l);
                } else if (first || l.deadlineNanos() - earliestDeadline < 0) {
                    earliestDeadline = l.deadlineNanos();
                    first = false;
                }
            }
            return lapsed;
        }

        long nanosToEarliestDeadline(long nowNanos) {
            return Math.max(0, earliestDeadline - nowNanos);
        }

        int size() {
            return leases.size();
        }

        List<LocalLease> view() {
            return Collections.unmodifiableList(leases);
        }
    }
}
