package io.vmpool.lock.local.internal;

import io.vmpool.api.lock.LockInfo;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockTimeoutException;
import io.vmpool.api.lock.LockWaiter;
import io.vmpool.lock.support.CounterCell;
import io.vmpool.lock.support.LockErrors;
import io.vmpool.lock.support.LockLimits;
import io.vmpool.lock.support.Nanos;
import io.vmpool.lock.support.WaitStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holders and waiters of one resource. Waiters are served strictly in arrival order; each parks outside
 * the state's monitor and the head is unparked when it may go. Consecutive shared waiters at the head
 * join shared holders together, and a shared request never overtakes a queued exclusive one, so neither
 * mode starves. While anybody waits, every change is mirrored into the table's {@link WaitForGraph}, and
 * a request that would close a wait-for cycle is refused before it queues. The queue is made only when
 * somebody first waits and dropped when the last one leaves. Once idle the state retires from the
 * {@link LockTable} (at once, or at the reaper's next sweep: see there), and a request that finds a
 * retired state looks it up again.
 *
 * <p><b>The uncontended fast path.</b> A request for a resource nobody holds and nobody waits for is
 * granted without the monitor, by one compare-and-set of the holder field from the free value it read to the
 * new lease ({@link Holders}: the field never takes a value twice, so the compare-and-set also proves that no
 * other grant came between the read and the write). The holder's release ends its lease by the lease's own
 * compare-and-set and leaves it in the field, where an ended lease means "free, last token this"; it takes
 * the monitor only if somebody waits (or states retire at once), or if the lease is one of several shared
 * holders. Everything else takes the monitor, and code under it changes the holder field by compare-and-set
 * wherever the fast path could change it too. Why that is safe:
 * <ul>
 * <li><i>One holder.</i> Every grant, fast or not, moves the holder field by compare-and-set from the free
 * value it decided on, so two grants cannot both succeed from one "free". Retirement is a compare-and-set
 * from a free value to {@link Holders#RETIRED}, which nothing ever changes again, so no grant succeeds on a
 * retired state (the request looks the resource up again).</li>
 * <li><i>No lost wake-up.</i> A waiter publishes itself in {@code waiters} (a volatile field, non-null
 * exactly while somebody waits) and then, under the monitor, reads the holder field and its lease's state
 * before it parks. A fast release ends the lease (a compare-and-set of its state) and then reads
 * {@code waiters}. All are volatile accesses, so (Dekker) either the waiter sees the resource free and
 * takes it, or the releaser sees the waiter and, under the monitor, wakes the head (an unpark before the
 * park is not lost).</li>
 * <li><i>No grant behind a waiter's back.</i> The fast path reads {@code waiters} before its
 * compare-and-set and again after it. If a waiter has appeared, the fast grant does not stand: under the
 * monitor it is withdrawn (ended; nobody was given it; it stays in the field as a free mark) and the request
 * takes the slow path and queues fairly. By the same Dekker pair a waiter that published before the second
 * read is seen there, and one that published after it sees the fast holder when it reads the holders (after
 * publishing) for the wait-for graph and its own check. So whenever somebody waits, every standing grant
 * is one the graph mirrors (deadlock detection sees every holder), and FIFO holds: a fast grant that
 * stands was made while nobody waited. (If a lapse or a forced release ended the lease before it could
 * be withdrawn, it stands as a grant that ended, which it is.)</li>
 * <li><i>Exactly once.</i> Whoever ends a lease (its holder, a lapse, a forced release, a withdrawal) does so
 * by a compare-and-set of the lease's state from held; only the one that succeeds counts the end, gives back
 * the slot and tells the graph. The end comes before the resource can be granted again (an ended lease is
 * what makes the field free; one of several shared holders is taken out of their list only once ended), so
 * {@code isValid()} is false by then.</li>
 * <li><i>Tokens grow in grant order.</i> A grant's token is one above the token of the free value it
 * replaces (for a state's first grant, one above {@link LockTable#retiredTokens()}), and since the field
 * never returns to a value, the value it replaced is the last grant before it (or the free marker that
 * carries the highest token of the shared holders before it). A shared grant that joins a holder takes one
 * above the highest token among the shared holders. Nothing else is written on the way: no separate mark
 * to claim or raise.</li>
 * </ul>
 */
final class ResourceState extends Holders {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceState.class);

    private final String resource;
    private final LockTable table;
    /** Null while nobody waits (most resources never have a waiter), else a non-empty queue; written under the monitor. */
    private volatile ArrayDeque<Waiter> waiters;

    ResourceState(String resource, LockTable table) {
        this.resource = resource;
        this.table = table;
    }

    String resource() {
        return resource;
    }

    LockTable table() {
        return table;
    }

    /**
     * Grants the request, waiting until {@code start} plus its {@code maxWait}; null when this state has
     * retired and the caller must look the resource up again. {@code ownerCounted}: the request took an owner slot.
     */
    LocalLease acquire(LockRequest request, LockLimits limits, long start, boolean ownerCounted, CounterCell cell)
            throws InterruptedException {
        LocalLease o = holder();
        if (isFree(o) && waiters == null) {
            LocalLease lease = newLease(request, start, ownerCounted, tokenAfter(o), cell);
            if (replace(o, lease) && (waiters == null || standsAfterAWaiterCame(lease))) {
                table.metrics().granted(cell, 0);
                return lease;
            }
        }
        return acquireUnderMonitor(request, limits, start, ownerCounted, cell);
    }

    /**
     * A fast grant found a waiter right after it: withdraws it (the waiter may not have seen it) and returns
     * false, or returns true when a lapse or a forced release ended it first (then it was a grant, and was
     * counted as one that ended). Withdrawn, it stays in the holder field as the mark of a free resource (or,
     * if a shared waiter joined it meanwhile, leaves the shared holders).
     */
    private synchronized boolean standsAfterAWaiterCame(LocalLease lease) {
        if (!lease.end(LocalLease.State.RELEASED)) {
            return true;
        }
        prune(lease); // nobody was given it
        if (waiters != null) {
            table.graph().holderLeft(lease); // the waiter may have mirrored it as a holder
        }
        wakeHead();
        return false;
    }

    private LocalLease acquireUnderMonitor(LockRequest request, LockLimits limits, long start, boolean ownerCounted,
            CounterCell cell) throws InterruptedException {
        Waiter me;
        synchronized (this) {
            try {
                if (retired()) {
                    return null;
                }
                // the system clock, not the request's start: that may be a ticking-clock reading behind it, and a
                // lease isValid() already calls lapsed would then still count (the owner's next request refused)
                dropLapsed(System.nanoTime());
                if (heldBy(request.owner())) {
                    throw LockErrors.alreadyHeld(resource, request.owner(), describe());
                }
                while (waiters == null && admits(holder(), request.mode())) {
                    LocalLease lease = grantUnderMonitor(request, start, ownerCounted, cell);
                    if (lease != null) {
                        table.metrics().granted(cell, 0);
                        return lease;
                    } // else a fast grant came first: look again
                }
                if (request.maxWait().isZero()) {
                    table.metrics().timedOut();
                    throw timeout(request, start, waiting());
                }
                limits.checkWaiters(resource, waiting());
                me = enqueue(request);
            } finally {
                retireIfIdle();
            }
        }
        // a wait is timed on the system clock: the request's start may be a ticking-clock reading
        return await(me, request, System.nanoTime(), ownerCounted, cell);
    }

    /**
     * Queues a request that must wait, unless it would close a wait-for cycle. Under the monitor. The waiter
     * is published before the holders are read for the graph: see the class comment.
     */
    private Waiter enqueue(LockRequest request) {
        Waiter me = new Waiter(resource, request.mode(), request.owner(), Instant.now(), Thread.currentThread());
        ArrayDeque<Waiter> queue = waiters;
        if (queue == null) {
            queue = new ArrayDeque<>();
            queue.addLast(me);
            waiters = queue; // the volatile store the fast path's second read sees
        } else {
            queue.addLast(me);
        }
        List<WaitStep> cycle = table.graph().join(me, view(), System.nanoTime());
        if (!cycle.isEmpty()) {
            unqueue(me);
            table.metrics().deadlock();
            LOG.warn("{}; refused the request of '{}' for '{}' ({}) that would close the cycle",
                    WaitStep.sentence(cycle), request.owner(), resource, request.mode());
            throw WaitStep.deadlock(cycle);
        }
        table.metrics().startedWaiting();
        return me;
    }

    /** Takes {@code me} out of the queue, dropping the queue when it is empty; whether it was there. */
    private boolean unqueue(Waiter me) {
        ArrayDeque<Waiter> queue = waiters;
        if (queue == null || !queue.remove(me)) {
            return false;
        }
        if (queue.isEmpty()) {
            waiters = null;
        }
        return true;
    }

    /** Waits, parked outside the monitor, until {@code me} is at the head and admitted, or its wait is over. */
    private LocalLease await(Waiter me, LockRequest request, long start, boolean ownerCounted, CounterCell cell)
            throws InterruptedException {
        long deadline = start + Nanos.of(request.maxWait());
        try {
            while (true) {
                long sleep;
                synchronized (this) {
                    long now = System.nanoTime();
                    dropLapsed(now);
                    if (waiters.peekFirst() == me) {
                        LocalLease lease = grantUnderMonitor(request, now, ownerCounted, cell);
                        if (lease != null) {
                            table.graph().leave(me, lease);
                            unqueue(me);
                            table.metrics().granted(cell, now - start);
                            wakeHead(); // a shared waiter behind may join now
                            return lease;
                        }
                        // not admitted, or a fast grant came first: that one sees this waiter and is withdrawn,
                        // which wakes the head once it gets the monitor, so waiting below loses nothing
                    }
                    long left = deadline - now;
                    if (left <= 0) {
                        table.metrics().timedOut();
                        throw timeout(request, start, waiting() - 1);
                    }
                    // never sleep past a holder's deadline: its lapse may let us in
                    sleep = Math.min(left, nanosToEarliestDeadline(now));
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for lock '" + resource + "'");
                }
                LockSupport.parkNanos(this, sleep);
            }
        } finally {
            synchronized (this) {
                table.metrics().stoppedWaiting();
                if (waiters != null && waiters.contains(me)) { // timed out or interrupted: whoever is behind may go now
                    table.graph().leave(me, null);
                    unqueue(me);
                    wakeHead();
                }
                retireIfIdle();
            }
        }
    }

    /** Ends the lease if it still holds; harmless for a lease already released or lapsed. */
    void release(LocalLease lease) {
        if (!lease.end(LocalLease.State.RELEASED)) {
            return; // released, lapsed or forced out already, and counted by whoever ended it
        }
        long now = table.releaseClock();
        if (isOnly(lease)) { // it stays in the holder field, ended: the resource is free
            counted(lease, now);
            if (waiters != null || table.retiresAtOnce()) {
                afterFastRelease(lease);
            }
            return;
        }
        synchronized (this) { // one of several shared holders (or a grant has already followed)
            prune(lease);
            ended(lease, now);
            wakeHead();
            dropLapsed(now);
            retireIfIdle();
        }
    }

    /** After a release off the monitor: the graph and the head learn that the holder left; an idle state retires. */
    private synchronized void afterFastRelease(LocalLease lease) {
        if (waiters != null) {
            table.graph().holderLeft(lease);
            wakeHead();
        }
        retireIfIdle();
    }

    /** Moves the lease's deadline to {@code ttl} from now, or throws when it no longer holds. */
    synchronized void renew(LocalLease lease, Duration ttl) {
        try {
            long now = System.nanoTime();
            dropLapsed(now);
            if (!contains(lease) || !lease.held()) {
                throw LockErrors.leaseLost(lease, whyGone(lease));
            }
            long next = now + Nanos.of(ttl);
            lease.extend(next);
            deadlineChanged(next);
            wakeHead(); // a shorter term moves the time the head waiter must look again
        } finally {
            retireIfIdle();
        }
    }

    /** Releases every holder accepted by {@code which} whatever its owner, ending it as {@code how}; returns them. */
    synchronized List<LocalLease> releaseWhere(Predicate<LocalLease> which, LocalLease.State how) {
        long now = System.nanoTime();
        dropLapsed(now);
        List<LocalLease> out = new ArrayList<>();
        for (LocalLease l : view()) { // a copy
            if (which.test(l) && l.end(how)) { // one its holder released just now is left to the holder
                prune(l);
                ended(l, now);
                out.add(l);
            }
        }
        if (!out.isEmpty()) {
            wakeHead();
        }
        retireIfIdle();
        return out;
    }

    /** Releases lapsed leases now and retires the state if it is idle (called by the reaper). */
    synchronized void reap() {
        if (!retired()) {
            dropLapsed(System.nanoTime());
            retireNowIfIdle();
        }
    }

    /** Adds a listing of every valid holder to {@code out}. */
    synchronized void listHeld(List<LockInfo> out, String node) {
        dropLapsed(System.nanoTime());
        for (LocalLease l : view()) {
            if (l.held()) { // not one its holder is releasing right now
                out.add(l.info(node));
            }
        }
    }

    /** Adds a listing of every waiter, with the owners it waits for, to {@code out}. */
    synchronized void listWaiters(List<LockWaiter> out, String node) {
        long now = System.nanoTime();
        dropLapsed(now);
        ArrayDeque<Waiter> queue = waiters;
        if (queue == null) {
            return;
        }
        List<List<String>> waitingFor = WaitsFor.of(view(), queue, now);
        int i = 0;
        for (Waiter w : queue) {
            out.add(new LockWaiter(resource, w.mode, w.owner, node, w.since, waitingFor.get(i++)));
        }
    }

    /** How many locks {@code owner} holds or waits for here: 0 or 1 held, and its queued requests. */
    synchronized int locksOf(String owner) {
        int n = heldBy(owner) ? 1 : 0;
        if (waiters != null) {
            for (Waiter w : waiters) {
                n += w.owner.equals(owner) ? 1 : 0;
            }
        }
        return n;
    }

    /** How many requests wait now. */
    synchronized int waiting() {
        return waiters == null ? 0 : waiters.size();
    }

    /** A lease for {@code request} granted at {@code nowNanos} with {@code token} on the thread of {@code cell}, not yet among the holders. */
    private LocalLease newLease(LockRequest request, long nowNanos, boolean ownerCounted, long token, CounterCell cell) {
        return new LocalLease(this, request.mode(), request.owner(), token,
                table.epochNanosAt(nowNanos), nowNanos, nowNanos + Nanos.of(request.ttl()), ownerCounted, cell);
    }

    /** The first grant of this state counts from the highest token of any retired state of the table. */
    @Override
    long firstTokenBase() {
        return table.retiredTokens();
    }

    /**
     * Under the monitor: grants the request if the holders admit it now, with the token after the holder value it
     * reads; null when they do not, or when a fast grant changed the holder field between the read and the add
     * (then the caller looks again).
     */
    private LocalLease grantUnderMonitor(LockRequest request, long nowNanos, boolean ownerCounted, CounterCell cell) {
        LocalLease o = holder();
        if (!admits(o, request.mode())) {
            return null;
        }
        LocalLease lease = newLease(request, nowNanos, ownerCounted, tokenFor(o), cell);
        return add(o, lease) ? lease : null;
    }

    private void dropLapsed(long nowNanos) {
        List<LocalLease> lapsed = removeLapsed(nowNanos);
        if (lapsed.isEmpty()) {
            return;
        }
        for (LocalLease l : lapsed) {
            ended(l, l.deadlineNanos());
            table.metrics().lapsed();
            LOG.warn("lease on '{}' of '{}' (token {}, {}) lapsed: not renewed before {}, released {} ms past its TTL",
                    resource, l.owner(), l.token(), l.mode(), l.expiresAt(),
                    Nanos.toMillis(nowNanos - l.deadlineNanos()));
        }
        wakeHead();
    }

    /** Bookkeeping under the monitor for a holder that left; {@code endNanos} is when its hold ended. */
    private void ended(LocalLease lease, long endNanos) {
        counted(lease, endNanos);
        if (waiters != null) {
            table.graph().holderLeft(lease);
        }
    }

    /** The owner's slot back, the hold counted: for a holder that left, with or without the monitor. */
    private void counted(LocalLease lease, long endNanos) {
        table.left(lease, Math.max(0, endNanos - lease.grantedNanos()));
    }

    private static String whyGone(LocalLease lease) {
        switch (lease.state()) {
            case RELEASED:
                return "was released";
            case FORCE_RELEASED:
                return "was force-released by an administrator";
            default:
                return "lapsed at " + lease.expiresAt();
        }
    }

    private void wakeHead() {
        ArrayDeque<Waiter> queue = waiters;
        Waiter head = queue == null ? null : queue.peekFirst();
        if (head != null) {
            head.wakeUp();
        }
    }

    /** Retires an idle state now if the table drops idle states at once; else the reaper's sweep will. */
    private void retireIfIdle() {
        if (table.retiresAtOnce()) {
            retireNowIfIdle();
        }
    }

    /** Retires the state if nobody holds or waits: a compare-and-set of the holder field from free, which no fast grant passes. */
    private void retireNowIfIdle() {
        if (waiters == null) {
            pruneEnded();
            long lastToken = retireIfFree();
            if (lastToken >= 0) {
                table.retire(this, lastToken);
            }
        }
    }

    private LockTimeoutException timeout(LockRequest request, long start, int othersWaiting) {
        return LockErrors.timeout(request, Nanos.toMillis(System.nanoTime() - start), describe(), othersWaiting);
    }
}
