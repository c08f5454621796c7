package io.vmpool.lock.local.internal;

import io.vmpool.api.lock.LockMode;
import io.vmpool.lock.support.LockErrors;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The current holders of one resource, in one field {@code one} that says it all, and the resource's
 * fencing-token mark with them. The base class of {@link ResourceState}, so a held resource is one object.
 * {@code one} is
 * <ul>
 * <li>{@code null}: nobody has held it since the state was made (the first grant starts above the table's
 * retired tokens: {@link #firstTokenBase()});</li>
 * <li>a lease: the last one granted alone. While it is held it is the only holder; once ended (released,
 * lapsed, forced out, withdrawn) it stays here as the mark of a free resource, and its token is the
 * highest so far;</li>
 * <li>a free marker ({@link LocalLease#marker}): free, carrying the highest token of the shared holders that
 * were here before;</li>
 * <li>{@link #SEVERAL}: one or more shared holders that came together, in a {@link SharedHolders} with its
 * highest token;</li>
 * <li>{@link #RETIRED}: the state has left the table and never changes again.</li>
 * </ul>
 *
 * <p><b>No value twice.</b> Apart from the two constants, every value {@code one} takes is a new object
 * (a lease just made, a marker just made), and {@code null} is only its first. So a compare-and-set from a
 * value read earlier succeeds only if nothing was written in between: a grant that read "free, last token
 * {@code t}" and wins its compare-and-set is the first grant after the one with {@code t}, and its token
 * {@code t + 1} is above every earlier grant's. A release therefore does not write {@code one} at all: it
 * ends its lease (the lease's own compare-and-set, which also decides who counts the end), and the ended
 * lease says "free" where it is. Shared holders that shrink to one stay {@code SEVERAL}; only when the last
 * leaves does a new free marker take their place, never a lease that was here before.
 *
 * <p>Everything here is called under the resource's monitor, except what the uncontended fast path of
 * {@link ResourceState} does: it reads {@code one}, and a grant moves it by compare-and-set from a free value
 * to a new lease. Code under the monitor reads {@code one} once per decision and changes it by
 * compare-and-set where it is free (a fast grant may come first); {@code SEVERAL} and {@code several} are
 * changed only under the monitor (no fast path moves {@code one} away from {@code SEVERAL}).
 */
abstract class Holders {
    /** In {@code one} while shared holders hold together (they are in {@code several}). */
    static final LocalLease SEVERAL = LocalLease.marker("several holders", 0);
    /** In {@code one} once the state has retired: never changed again, so no grant can follow. */
    static final LocalLease RETIRED = LocalLease.marker("retired", 0);

    private static final VarHandle ONE;

    static {
        try {
            ONE = MethodHandles.lookup().findVarHandle(Holders.class, "one", LocalLease.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile LocalLease one; // see the class comment
    private SharedHolders several; // non-null only while one is SEVERAL (and while it is being made so)

    /** Where the first grant of this state counts from: the table's highest retired token, read now. */
    abstract long firstTokenBase();

    /** The holder field now: read it once, then decide with {@link #isFree} and {@link #tokenAfter}. */
    final LocalLease holder() {
        return one;
    }

    /** Whether {@code o}, a value of the holder field, says the resource is free (nobody holds, not retired). */
    static boolean isFree(LocalLease o) {
        return o == null || (o != SEVERAL && o != RETIRED && !o.held());
    }

    /** Whether {@code o}, a value of the holder field, is a lease that holds alone (not free, not a constant). */
    private static boolean heldAlone(LocalLease o) {
        return o != null && o != SEVERAL && o != RETIRED && o.held();
    }

    /** The token of a grant that replaces the free value {@code o}: one above the highest so far. */
    final long tokenAfter(LocalLease o) {
        return Math.incrementExact(o == null ? firstTokenBase() : o.token());
    }

    /** A grant from the free value {@code o}: {@code lease} becomes the only holder if the field is still {@code o}. */
    final boolean replace(LocalLease o, LocalLease lease) {
        return ONE.compareAndSet(this, o, lease);
    }

    final boolean retired() {
        return one == RETIRED;
    }

    /** Whether the lease the holder field holds now is {@code lease} (held or ended). */
    final boolean isOnly(LocalLease lease) {
        return one == lease;
    }

    /**
     * Retires the state if the resource is free; returns the highest token it gave (0: none), or -1 if
     * somebody holds (or took it just now).
     */
    final long retireIfFree() {
        LocalLease o = one;
        if (!isFree(o) || !ONE.compareAndSet(this, o, RETIRED)) {
            return -1;
        }
        return o == null ? 0 : o.token();
    }

    /** Whether a new grant in {@code mode} can be made where the holder field is {@code o}. */
    static boolean admits(LocalLease o, LockMode mode) {
        return isFree(o) || (mode == LockMode.SHARED && (o == SEVERAL || (o != RETIRED && o.mode() == LockMode.SHARED)));
    }

    /** Under the monitor: the token of a grant that {@link #add}s to the holder value {@code o} (read once before). */
    final long tokenFor(LocalLease o) {
        return o == SEVERAL ? Math.incrementExact(several.maxToken) : o == RETIRED ? 0 : isFree(o) ? tokenAfter(o)
                : Math.incrementExact(o.token());
    }

    /** Whether {@code owner} holds (a lease being released by its holder no longer counts). */
    final boolean heldBy(String owner) {
        LocalLease o = one;
        if (o == SEVERAL) {
            return several.heldBy(owner);
        }
        return heldAlone(o) && o.owner().equals(owner);
    }

    /** Whether {@code lease} is one of the holders (the same object), held or ended. */
    final boolean contains(LocalLease lease) {
        LocalLease o = one;
        return o == lease || (o == SEVERAL && several.indexOf(lease) >= 0);
    }

    /**
     * Under the monitor: adds {@code lease}, made with {@link #tokenFor tokenFor(o)}, as a holder where the holder
     * field was {@code o} and {@link #admits admits(o, mode)} said it may come; false when a fast grant changed the field since
     * (or the only shared holder ended and a fast grant took its place), and the caller must look again.
     */
    final boolean add(LocalLease o, LocalLease lease) {
        if (isFree(o)) {
            return ONE.compareAndSet(this, o, lease);
        }
        if (lease.mode() != LockMode.SHARED || o == RETIRED || one != o) {
            return false;
        }
        if (o == SEVERAL) {
            several.add(lease);
            return true;
        }
        if (o.mode() != LockMode.SHARED) {
            return false;
        }
        several = new SharedHolders(o, lease);
        if (ONE.compareAndSet(this, o, SEVERAL)) {
            return true;
        }
        several = null; // o ended and a fast grant took its place
        return false;
    }

    /** Notes a new, possibly earlier deadline of a holder (after a renew). */
    final void deadlineChanged(long deadlineNanos) {
        if (one == SEVERAL) {
            several.deadlineChanged(deadlineNanos);
        }
    }

    /**
     * Under the monitor: takes the ended {@code lease} out of the shared holders, if it is one of them; the
     * last to leave makes way for a free marker. An ended only holder stays where it is (it marks "free").
     */
    final void prune(LocalLease lease) {
        if (one == SEVERAL && several.remove(lease)) {
            freeIfNoneLeft();
        }
    }

    /** Under the monitor: takes every shared holder that has ended out of their list (see {@link SharedHolders#endLapsed}). */
    final void pruneEnded() {
        if (one == SEVERAL) {
            several.leases.removeIf(l -> !l.held());
            freeIfNoneLeft();
        }
    }

    /** Ends as lapsed and returns every holder whose deadline has passed and that nobody else ended first. */
    final List<LocalLease> removeLapsed(long nowNanos) {
        LocalLease o = one;
        if (o == SEVERAL) {
            List<LocalLease> lapsed = several.endLapsed(nowNanos); // and takes out every one that has ended
            freeIfNoneLeft();
            return lapsed;
        }
        if (!heldAlone(o) || !o.lapsedAt(nowNanos) || !o.end(LocalLease.State.LAPSED)) {
            return List.of();
        }
        return List.of(o); // stays in the field, ended: the resource is free
    }

    /** After shared holders left: a new free marker with their highest token when none is left. */
    private void freeIfNoneLeft() {
        if (several.size() == 0) {
            LocalLease free = LocalLease.marker("free", several.maxToken);
            several = null;
            one = free; // from SEVERAL, which only code under the monitor changes
        }
    }

    /** Nanoseconds until the earliest holder may lapse, or {@code Long.MAX_VALUE} with no holder. */
    final long nanosToEarliestDeadline(long nowNanos) {
        LocalLease o = one;
        if (o == SEVERAL) {
            return several.nanosToEarliestDeadline(nowNanos);
        }
        return heldAlone(o) ? Math.max(0, o.deadlineNanos() - nowNanos) : Long.MAX_VALUE;
    }

    /** The holders still held, for use under the resource's lock. */
    final List<LocalLease> view() {
        LocalLease o = one;
        if (o == SEVERAL) {
            return several.held();
        }
        return heldAlone(o) ? List.of(o) : List.of();
    }

    /** The holders for a message, or {@code nobody}. */
    final String describe() {
        return LockErrors.holders(view().stream().map(LocalLease::describe).toList());
    }

    /** Shared holders that came together, in grant order, with the earliest deadline and the highest token among them. */
    private static final class SharedHolders {
        private final List<LocalLease> leases = new ArrayList<>();
        /** No holder's deadline is earlier than this (it may be later than the earliest after a release). */
        private long earliestDeadline;
        /** The highest token any of them had, those gone included: where the next grant counts from. */
        private long maxToken;

        SharedHolders(LocalLease first, LocalLease second) {
            earliestDeadline = first.deadlineNanos();
            add(first);
            add(second);
        }

        void add(LocalLease lease) {
            leases.add(lease);
            maxToken = Math.max(maxToken, lease.token());
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

        /**
         * Ends as lapsed every lease whose deadline has passed and that is still held, and takes out every lease
         * that has ended, here or elsewhere (its holder's release may have seen it as the only holder just before
         * a shared request joined it, and then has nothing to take it out of); returns those it ended.
         */
        List<LocalLease> endLapsed(long nowNanos) {
            boolean due = earliestDeadline - nowNanos <= 0;
            List<LocalLease> lapsed = List.of();
            boolean first = true;
            for (var it = leases.iterator(); it.hasNext(); ) {
                LocalLease l = it.next();
                if (due && l.lapsedAt(nowNanos) && l.end(LocalLease.State.LAPSED)) {
                    if (lapsed.isEmpty()) {
                        lapsed = new ArrayList<>();
                    }
                    lapsed.add(l);
                }
                if (!l.held()) {
                    it.remove();
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

        List<LocalLease> held() {
            List<LocalLease> out = new ArrayList<>(leases.size());
            for (LocalLease l : leases) {
                if (l.held()) {
                    out.add(l);
                }
            }
            return Collections.unmodifiableList(out);
        }
    }
}
