package io.vmpool.lock.local.internal;

import io.vmpool.api.lock.LockInfo;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockTimeoutException;
import io.vmpool.api.lock.LockWaiter;
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
 * Holders and waiters of one resource, guarded by the state's own monitor (no lock is shared
 * between resources on the uncontended path; a monitor costs no memory of its own). Waiters are
 * served strictly in arrival order; each parks outside the monitor and the head is unparked when it
 * may go. Consecutive shared waiters at the head join shared holders together, and a shared request
 * never overtakes a queued exclusive one, so neither mode starves. While anybody waits, every change
 * is mirrored into the table's {@link WaitForGraph}, and a request that would close a wait-for cycle
 * is refused before it queues. The queue is made only when somebody first waits. Once idle the state
 * retires from the {@link LockTable} (at once, or at the reaper's next sweep: see there), and a
 * request that finds a retired state looks it up again.
 */
final class ResourceState extends Holders {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceState.class);

    private final String resource;
    private final LockTable table;
    /** Stands in for the queue of a retired state (one field less per held lock); never changed. */
    private static final ArrayDeque<Waiter> RETIRED = new ArrayDeque<>();

    private ArrayDeque<Waiter> waiters; // null until somebody waits (most resources never have a waiter); RETIRED once retired

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
    LocalLease acquire(LockRequest request, LockLimits limits, long start, boolean ownerCounted) throws InterruptedException {
        Waiter me;
        synchronized (this) {
            try {
                if (retired()) {
                    return null;
                }
                dropLapsed(start); // the request's start is "now" for a request that finds the resource free
                if (heldBy(request.owner())) {
                    throw LockErrors.alreadyHeld(resource, request.owner(), describe());
                }
                if (noWaiters() && admits(request.mode())) {
                    return grant(request, start, start, ownerCounted);
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
        return await(me, request, System.nanoTime(), ownerCounted);
    }

    /** Queues a request that must wait, unless it would close a wait-for cycle. Under the monitor. */
    private Waiter enqueue(LockRequest request) {
        Waiter me = new Waiter(resource, request.mode(), request.owner(), Instant.now(), Thread.currentThread());
        List<WaitStep> cycle = table.graph().join(me, view(), System.nanoTime());
        if (!cycle.isEmpty()) {
            table.metrics().deadlock();
            LOG.warn("{}; refused the request of '{}' for '{}' ({}) that would close the cycle",
                    WaitStep.sentence(cycle), request.owner(), resource, request.mode());
            throw WaitStep.deadlock(cycle);
        }
        if (waiters == null) {
            waiters = new ArrayDeque<>();
        }
        waiters.addLast(me);
        table.metrics().startedWaiting();
        return me;
    }

    /** Waits, parked outside the monitor, until {@code me} is at the head and admitted, or its wait is over. */
    private LocalLease await(Waiter me, LockRequest request, long start, boolean ownerCounted) throws InterruptedException {
        long deadline = start + Nanos.of(request.maxWait());
        try {
            while (true) {
                long sleep;
                synchronized (this) {
                    long now = System.nanoTime();
                    dropLapsed(now);
                    if (waiters.peekFirst() == me && admits(me.mode)) {
                        waiters.removeFirst();
                        LocalLease lease = grant(request, start, now, ownerCounted);
                        table.graph().leave(me, lease);
                        wakeHead(); // a shared waiter behind may join now
                        return lease;
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
                if (waiters.remove(me)) { // timed out or interrupted: whoever is behind may go now
                    table.graph().leave(me, null);
                    wakeHead();
                }
                retireIfIdle();
            }
        }
    }

    /** Ends the lease if it still holds; harmless for a lease already released or lapsed. */
    synchronized void release(LocalLease lease) {
        long now = table.releaseClock();
        if (remove(lease)) {
            ended(lease, LocalLease.State.RELEASED, now);
            wakeHead();
        }
        dropLapsed(now);
        retireIfIdle();
    }

    /** Moves the lease's deadline to {@code ttl} from now, or throws when it no longer holds. */
    synchronized void renew(LocalLease lease, Duration ttl) {
        try {
            long now = System.nanoTime();
            dropLapsed(now);
            if (!contains(lease)) {
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
        for (LocalLease l : all()) {
            if (which.test(l) && remove(l)) {
                ended(l, how, now);
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
        view().forEach(l -> out.add(l.info(node)));
    }

    /** Adds a listing of every waiter, with the owners it waits for, to {@code out}. */
    synchronized void listWaiters(List<LockWaiter> out, String node) {
        long now = System.nanoTime();
        dropLapsed(now);
        if (noWaiters()) {
            return;
        }
        List<List<String>> waitingFor = WaitsFor.of(view(), waiters, now);
        int i = 0;
        for (Waiter w : waiters) {
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

    private boolean retired() {
        return waiters == RETIRED;
    }

    private boolean noWaiters() {
        return waiters == null || waiters.isEmpty();
    }

    private LocalLease grant(LockRequest request, long start, long nowNanos, boolean ownerCounted) {
        LocalLease lease = new LocalLease(this, request.mode(), request.owner(), table.nextToken(),
                table.epochNanosAt(nowNanos), nowNanos, nowNanos + Nanos.of(request.ttl()), ownerCounted);
        add(lease);
        table.metrics().granted(nowNanos - start);
        return lease;
    }

    private void dropLapsed(long nowNanos) {
        List<LocalLease> lapsed = removeLapsed(nowNanos);
        if (lapsed.isEmpty()) {
            return;
        }
        for (LocalLease l : lapsed) {
            ended(l, LocalLease.State.LAPSED, l.deadlineNanos());
            table.metrics().lapsed();
            LOG.warn("lease on '{}' of '{}' (token {}, {}) lapsed: not renewed before {}, released {} ms past its TTL",
                    resource, l.owner(), l.token(), l.mode(), l.expiresAt(),
                    Nanos.toMillis(nowNanos - l.deadlineNanos()));
        }
        wakeHead();
    }

    /** Bookkeeping for a holder that left; {@code endNanos} is when its hold ended. */
    private void ended(LocalLease lease, LocalLease.State how, long endNanos) {
        lease.end(how);
        table.left(lease);
        table.metrics().holdEnded(Math.max(0, endNanos - lease.grantedNanos()));
        if (!noWaiters()) {
            table.graph().holderLeft(lease);
        }
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
        Waiter head = waiters == null ? null : waiters.peekFirst();
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

    private void retireNowIfIdle() {
        if (!retired() && isEmpty() && noWaiters()) {
            waiters = RETIRED;
            table.retire(this);
        }
    }

    private LockTimeoutException timeout(LockRequest request, long start, int othersWaiting) {
        return LockErrors.timeout(request, Nanos.toMillis(System.nanoTime() - start), describe(), othersWaiting);
    }
}
