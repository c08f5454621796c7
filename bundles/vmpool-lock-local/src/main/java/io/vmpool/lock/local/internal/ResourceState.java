package io.vmpool.lock.local.internal;

import io.vmpool.api.lock.LockInfo;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockTimeoutException;
import io.vmpool.api.lock.LockWaiter;
import io.vmpool.lock.support.LockErrors;
import io.vmpool.lock.support.LockLimits;
import io.vmpool.lock.support.LockMetrics;
import io.vmpool.lock.support.Nanos;
import io.vmpool.lock.support.Term;
import io.vmpool.lock.support.WaitStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holders and waiters of one resource, guarded by the resource's own lock (no lock is shared
 * between resources on the uncontended path). Waiters are served strictly in arrival order;
 * consecutive shared waiters at the head join shared holders together, and a shared request never
 * overtakes a queued exclusive one, so neither mode starves. While anybody waits, every change is
 * mirrored into the table's {@link WaitForGraph}, and a request that would close a wait-for cycle
 * is refused before it queues. Once idle the state retires from the {@link LockTable}, and a
 * request that finds a retired state looks it up again.
 */
final class ResourceState {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceState.class);

    private final String resource;
    private final LockTable table;
    private final WaitForGraph graph;
    private final LockMetrics metrics;
    private final ReentrantLock lock = new ReentrantLock();
    private final Holders holders = new Holders();
    private final Deque<Waiter> waiters = new ArrayDeque<>(2); // most resources never have a waiter
    private boolean retired;

    ResourceState(String resource, LockTable table) {
        this.resource = resource;
        this.table = table;
        this.graph = table.graph();
        this.metrics = table.metrics();
    }

    String resource() {
        return resource;
    }

    LockTable table() {
        return table;
    }

    /**
     * Grants the request, waiting until {@code start} plus its {@code maxWait}; null when this state has
     * retired and the caller must look the resource up again.
     */
    LocalLease acquire(LockRequest request, LockLimits limits, long start) throws InterruptedException {
        lock.lock();
        try {
            if (retired) {
                return null;
            }
            long now = System.nanoTime();
            dropLapsed(now);
            if (holders.heldBy(request.owner())) {
                throw LockErrors.alreadyHeld(resource, request.owner(), holders.describe());
            }
            if (waiters.isEmpty() && holders.admits(request.mode())) {
                return grant(request, start, now);
            }
            if (request.maxWait().isZero()) {
                metrics.timedOut();
                throw timeout(request, start, waiters.size());
            }
            limits.checkWaiters(resource, waiters.size());
            return await(request, start);
        } finally {
            retireIfIdle();
            lock.unlock();
        }
    }

    private LocalLease await(LockRequest request, long start) throws InterruptedException {
        Waiter me = new Waiter(resource, request.mode(), request.owner(), Instant.now(), lock.newCondition());
        List<WaitStep> cycle = graph.join(me, holders.view(), System.nanoTime());
        if (!cycle.isEmpty()) {
            metrics.deadlock();
            LOG.warn("{}; refused the request of '{}' for '{}' ({}) that would close the cycle",
                    WaitStep.sentence(cycle), request.owner(), resource, request.mode());
            throw WaitStep.deadlock(cycle);
        }
        waiters.addLast(me);
        metrics.startedWaiting();
        long deadline = start + Nanos.of(request.maxWait());
        try {
            while (true) {
                long now = System.nanoTime();
                dropLapsed(now);
                if (waiters.peekFirst() == me && holders.admits(me.mode)) {
                    waiters.removeFirst();
                    LocalLease lease = grant(request, start, now);
                    graph.leave(me, lease);
                    wakeHead(); // a shared waiter behind may join now
                    return lease;
                }
                long left = deadline - now;
                if (left <= 0) {
                    metrics.timedOut();
                    throw timeout(request, start, waiters.size() - 1);
                }
                // never sleep past a holder's deadline: its lapse may let us in
                me.wakeUp.awaitNanos(Math.min(left, holders.nanosToEarliestDeadline(now)));
            }
        } finally {
            metrics.stoppedWaiting();
            if (waiters.remove(me)) { // timed out or interrupted: whoever is behind may go now
                graph.leave(me, null);
                wakeHead();
            }
        }
    }

    /** Ends the lease if it still holds; harmless for a lease already released or lapsed. */
    void release(LocalLease lease) {
        lock.lock();
        try {
            long now = System.nanoTime();
            if (holders.remove(lease)) {
                ended(lease, LocalLease.State.RELEASED, now);
                wakeHead();
            }
            dropLapsed(now);
            retireIfIdle();
        } finally {
            lock.unlock();
        }
    }

    /** Moves the lease's deadline to {@code ttl} from now, or throws when it no longer holds. */
    void renew(LocalLease lease, Duration ttl) {
        lock.lock();
        try {
            long now = System.nanoTime();
            dropLapsed(now);
            if (!holders.contains(lease)) {
                throw LockErrors.leaseLost(lease, whyGone(lease));
            }
            Term next = Term.from(now, Instant.now(), ttl);
            lease.extend(next);
            holders.deadlineChanged(next.deadlineNanos());
            wakeHead(); // a shorter term moves the time the head waiter must look again
        } finally {
            retireIfIdle();
            lock.unlock();
        }
    }

    /** Releases every holder accepted by {@code which} whatever its owner, ending it as {@code how}; returns them. */
    List<LocalLease> releaseWhere(Predicate<LocalLease> which, LocalLease.State how) {
        lock.lock();
        try {
            long now = System.nanoTime();
            dropLapsed(now);
            List<LocalLease> out = new ArrayList<>();
            for (LocalLease l : holders.all()) {
                if (which.test(l) && holders.remove(l)) {
                    ended(l, how, now);
                    out.add(l);
                }
            }
            if (!out.isEmpty()) {
                wakeHead();
            }
            retireIfIdle();
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Releases lapsed leases now (called by the reaper). */
    void reap() {
        lock.lock();
        try {
            if (!retired) {
                dropLapsed(System.nanoTime());
                retireIfIdle();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Adds a listing of every valid holder to {@code out}. */
    void listHeld(List<LockInfo> out, String node) {
        lock.lock();
        try {
            dropLapsed(System.nanoTime());
            holders.all().forEach(l -> out.add(l.info(node)));
        } finally {
            lock.unlock();
        }
    }

    /** Adds a listing of every waiter, with the owners it waits for, to {@code out}. */
    void listWaiters(List<LockWaiter> out, String node) {
        lock.lock();
        try {
            long now = System.nanoTime();
            dropLapsed(now);
            List<List<String>> waitingFor = WaitsFor.of(holders.view(), waiters, now);
            int i = 0;
            for (Waiter w : waiters) {
                out.add(new LockWaiter(resource, w.mode, w.owner, node, w.since, waitingFor.get(i++)));
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many requests wait now. */
    int waiting() {
        lock.lock();
        try {
            return waiters.size();
        } finally {
            lock.unlock();
        }
    }

    private LocalLease grant(LockRequest request, long start, long nowNanos) {
        Instant now = Instant.now();
        LocalLease lease = new LocalLease(this, request.mode(), request.owner(), table.nextToken(), now, nowNanos,
                Term.from(nowNanos, now, request.ttl()));
        holders.add(lease);
        metrics.granted(nowNanos - start);
        return lease;
    }

    private void dropLapsed(long nowNanos) {
        List<LocalLease> lapsed = holders.removeLapsed(nowNanos);
        if (lapsed.isEmpty()) {
            return;
        }
        for (LocalLease l : lapsed) {
            ended(l, LocalLease.State.LAPSED, l.term().deadlineNanos());
            metrics.lapsed();
            LOG.warn("lease on '{}' of '{}' (token {}, {}) lapsed: not renewed before {}, released {} ms past its TTL",
                    resource, l.owner(), l.token(), l.mode(), l.expiresAt(),
                    Nanos.toMillis(nowNanos - l.term().deadlineNanos()));
        }
        wakeHead();
    }

    /** Bookkeeping for a holder that left; {@code endNanos} is when its hold ended. */
    private void ended(LocalLease lease, LocalLease.State how, long endNanos) {
        lease.end(how);
        table.left(lease);
        metrics.holdEnded(Math.max(0, endNanos - lease.grantedNanos()));
        if (!waiters.isEmpty()) {
            graph.holderLeft(lease);
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
        Waiter head = waiters.peekFirst();
        if (head != null) {
            head.wakeUp.signal();
        }
    }

    private void retireIfIdle() {
        if (!retired && holders.isEmpty() && waiters.isEmpty()) {
            retired = true;
            table.retire(this);
        }
    }

    private LockTimeoutException timeout(LockRequest request, long start, int othersWaiting) {
        return LockErrors.timeout(request, Nanos.toMillis(System.nanoTime() - start), holders.describe(),
                othersWaiting);
    }
}
