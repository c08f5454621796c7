package io.vmpool.lock.local.internal;

import io.vmpool.api.lock.LockMode;
import io.vmpool.lock.support.LockErrors;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The current holders of one resource, in one field {@code one} that says it all: {@code null} (nobody
 * holds), the only holder, {@link #SEVERAL} (two or more shared holders, listed in a {@link SharedHolders})
 * or {@link #RETIRED} (the state has left the table; it never changes again). The base class of
 * {@link ResourceState}, so a held resource is one object.
 *
 * <p>Everything here is called under the resource's monitor, but {@code one} is also changed outside it
 * by the uncontended fast path of {@link ResourceState}, and only in two ways: a grant moves it from
 * {@code null} to a new lease, and the holder's release moves it from that lease to {@code null}, each by
 * compare-and-set. Code under the monitor therefore reads {@code one} once per decision and changes it by
 * compare-and-set where it is {@code null} or a lease ({@link #add}, {@link #remove}): of a release and a
 * lapse or forced release of the same lease, exactly one removes it. Only code under the monitor changes
 * {@link #SEVERAL} and reads {@code several}.
 */
abstract class Holders {
    /** In {@code one} while two or more shared holders hold (they are in {@code several}). */
    static final LocalLease SEVERAL = LocalLease.marker("several holders");
    /** In {@code one} once the state has retired: never changed again, so no grant can follow. */
    static final LocalLease RETIRED = LocalLease.marker("retired");

    private static final VarHandle ONE;
    private static final VarHandle LAST_TOKEN;

    static {
        try {
            ONE = MethodHandles.lookup().findVarHandle(Holders.class, "one", LocalLease.class);
            LAST_TOKEN = MethodHandles.lookup().findVarHandle(Holders.class, "lastToken", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile LocalLease one; // null, the only holder, SEVERAL or RETIRED; see the class comment
    private SharedHolders several; // non-null only while one is SEVERAL (and while it is being made so)
    /**
     * The resource's fencing-token high-water mark while this state lives: 0 before its first grant, then at
     * least the token of every grant that stands and of every lease taken out by someone other than its
     * holder. It only grows; see {@link ResourceState} for how grants use it.
     */
    private volatile long lastToken;

    /** The token high-water mark (0: no grant yet on this state). */
    final long lastToken() {
        return lastToken;
    }

    /** A fast grant's claim of {@code token}: true if the mark was still {@code seen}, i.e. no other grant came between. */
    final boolean claimToken(long seen, long token) {
        return LAST_TOKEN.compareAndSet(this, seen, token);
    }

    /** Raises the mark to at least {@code token}. */
    final void raiseToken(long token) {
        long t;
        while ((t = lastToken) < token && !LAST_TOKEN.compareAndSet(this, t, token)) {
            Thread.onSpinWait();
        }
    }

    /** The largest token among the holders, 0 with none (a fast holder's may not be claimed yet). */
    final long maxHolderToken() {
        LocalLease o = one;
        if (o == SEVERAL) {
            return several.maxToken();
        }
        return o == null || o == RETIRED ? 0 : o.token();
    }

    /** Whether nobody holds (and the state has not retired). */
    final boolean isEmpty() {
        return one == null;
    }

    final boolean retired() {
        return one == RETIRED;
    }

    /** The fast path's grant: {@code lease} becomes the only holder if nobody held. */
    final boolean addIfFree(LocalLease lease) {
        return ONE.compareAndSet(this, null, lease);
    }

    /** The fast path's release: true if {@code lease} was the only holder and now nobody is. */
    final boolean removeIfOnly(LocalLease lease) {
        return ONE.compareAndSet(this, lease, null);
    }

    /** Retires the state if nobody holds; false if somebody does (or took it just now). */
    final boolean retireIfFree() {
        return ONE.compareAndSet(this, null, RETIRED);
    }

    /** Whether a new grant in {@code mode} can be made now. */
    final boolean admits(LockMode mode) {
        LocalLease o = one;
        return o == null || (mode == LockMode.SHARED && o != RETIRED && (o == SEVERAL || o.mode() == LockMode.SHARED));
    }

    /** Whether {@code owner} holds (a lease being released by its holder no longer counts). */
    final boolean heldBy(String owner) {
        LocalLease o = one;
        if (o == SEVERAL) {
            return several.heldBy(owner);
        }
        return o != null && o != RETIRED && o.held() && o.owner().equals(owner);
    }

    /** Whether {@code lease} is one of the holders (the same object). */
    final boolean contains(LocalLease lease) {
        LocalLease o = one;
        return o == lease || (o == SEVERAL && several.indexOf(lease) >= 0);
    }

    /**
     * Adds {@code lease} as a holder, after {@link #admits} said it may; false when a fast-path grant or
     * release changed the holders meanwhile, and the caller must look again. It decides again on the value
     * it reads: a fast grant between {@code admits} and here may hold in a mode {@code lease} cannot share.
     */
    final boolean add(LocalLease lease) {
        LocalLease o = one;
        if (o == null) {
            return ONE.compareAndSet(this, null, lease);
        }
        // admits() may have seen "nobody holds" and a fast grant taken it since: join only a shared holder
        if (lease.mode() != LockMode.SHARED || o == RETIRED || (o != SEVERAL && o.mode() != LockMode.SHARED)) {
            return false;
        }
        if (o == SEVERAL) {
            several.add(lease);
            return true;
        }
        several = new SharedHolders(o, lease);
        if (ONE.compareAndSet(this, o, SEVERAL)) {
            return true;
        }
        several = null; // o was released meanwhile
        return false;
    }

    /** Notes a new, possibly earlier deadline of a holder (after a renew). */
    final void deadlineChanged(long deadlineNanos) {
        if (one == SEVERAL) {
            several.deadlineChanged(deadlineNanos);
        }
    }

    /** Removes {@code lease} from the holders; false if it is not one of them (somebody else removed it). */
    final boolean remove(LocalLease lease) {
        raiseToken(lease.token()); // before it leaves: a grant that follows its removal must see its token
        LocalLease o = one;
        if (o == lease) {
            return ONE.compareAndSet(this, lease, null); // its holder's fast release may come first
        }
        if (o != SEVERAL || !several.remove(lease)) {
            return false;
        }
        shrink();
        return true;
    }

    /** Marks as lapsed, removes and returns every holder whose deadline has passed. */
    final List<LocalLease> removeLapsed(long nowNanos) {
        LocalLease o = one;
        if (o == null || o == RETIRED) {
            return List.of();
        }
        if (o != SEVERAL) {
            if (!o.lapsedAt(nowNanos)) {
                return List.of();
            }
            o.end(LocalLease.State.LAPSED);
            raiseToken(o.token()); // before it leaves (see remove)
            return ONE.compareAndSet(this, o, null) ? List.of(o) : List.of(); // else its holder released it first
        }
        if (several.nanosToEarliestDeadline(nowNanos) == 0) {
            raiseToken(several.maxToken()); // before any of them leaves (see remove); they all hold now
        }
        List<LocalLease> lapsed = several.removeLapsed(nowNanos);
        shrink();
        return lapsed;
    }

    /** Nanoseconds until the earliest holder may lapse, or {@code Long.MAX_VALUE} with no holder. */
    final long nanosToEarliestDeadline(long nowNanos) {
        LocalLease o = one;
        if (o == SEVERAL) {
            return several.nanosToEarliestDeadline(nowNanos);
        }
        return o == null || o == RETIRED ? Long.MAX_VALUE : Math.max(0, o.deadlineNanos() - nowNanos);
    }

    /** A read-only view for use under the resource's lock. */
    final List<LocalLease> view() {
        LocalLease o = one;
        if (o == SEVERAL) {
            return several.view();
        }
        return o == null || o == RETIRED ? List.of() : List.of(o);
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
            LocalLease rest = several.size() == 1 ? several.view().get(0) : null;
            several = null;
            one = rest; // from SEVERAL, which only code under the monitor changes
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
                if (l.held() && l.owner().equals(owner)) {
                    return true;
                }
            }
            return false;
        }

        long maxToken() {
            long max = 0;
            for (LocalLease l : leases) {
                max = Math.max(max, l.token());
            }
            return max;
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

        /** Marks as lapsed and removes every lease whose deadline has passed (under the monitor: nobody else removes). */
        List<LocalLease> removeLapsed(long nowNanos) {
            if (earliestDeadline - nowNanos > 0) {
                return List.of();
            }
            List<LocalLease> lapsed = new ArrayList<>();
            boolean first = true;
            for (var it = leases.iterator(); it.hasNext(); ) {
                LocalLease l = it.next();
                if (l.lapsedAt(nowNanos)) {
                    l.end(LocalLease.State.LAPSED);
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
