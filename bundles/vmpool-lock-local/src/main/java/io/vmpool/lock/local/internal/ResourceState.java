package io.vmpool.lock.local.internal;

import io.vmpool.api.ConflictException;
import io.vmpool.api.lock.LeaseLostException;
import io.vmpool.api.lock.LockInfo;
import io.vmpool.api.lock.LockMode;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockTimeoutException;
import io.vmpool.api.lock.LockWaiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Holders and waiters of one resource, guarded by the resource's own lock (no lock is shared
 * between resources). Waiters are served strictly in arrival order; consecutive shared waiters at
 * the head join shared holders together, and a shared request never overtakes a queued exclusive
 * one, so neither mode starves. Once idle the state retires from the {@link LockTable}, and a
 * request that finds a retired state looks it up again.
 */
final class ResourceState {

    /** One blocked request, woken through its own condition. */
    private static final class Waiter {
        final LockMode mode;
        final String owner;
        final Instant since;
        final Condition wakeUp;

        Waiter(LockMode mode, String owner, Instant since, Condition wakeUp) {
            this.mode = mode;
            this.owner = owner;
            this.since = since;
            this.wakeUp = wakeUp;
        }
    }

    private final String resource;
    private final LockTable table;
    private final ReentrantLock lock = new ReentrantLock();
    private final Holders holders = new Holders();
    private final Deque<Waiter> waiters = new ArrayDeque<>(2); // most resources never have a waiter
    private boolean retired;

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
     * Grants the request, waiting at most its {@code maxWait}; null when this state has retired and the
     * caller must look the resource up again.
     */
    LocalLease acquire(LockRequest request, LockLimits limits) throws InterruptedException {
        lock.lock();
        try {
            if (retired) {
                return null;
            }
            long start = System.nanoTime();
            dropLapsed(start);
            if (holders.heldBy(request.owner())) {
                throw new ConflictException("lock '" + resource + "' is already held by the same owner '"
                        + request.owner() + "' (" + holders.describe() + "); an owner holds a resource at most "
                        + "once: release it first, or use another owner id for a second holder");
            }
            if (waiters.isEmpty() && holders.admits(request.mode())) {
                return grant(request, start);
            }
            if (request.maxWait().isZero()) {
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
        Waiter me = new Waiter(request.mode(), request.owner(), Instant.now(), lock.newCondition());
        waiters.addLast(me);
        long deadline = start + Nanos.of(request.maxWait());
        try {
            while (true) {
                long now = System.nanoTime();
                dropLapsed(now);
                if (waiters.peekFirst() == me && holders.admits(me.mode)) {
                    waiters.removeFirst();
                    LocalLease lease = grant(request, now);
                    wakeHead(); // a shared waiter behind may join now
                    return lease;
                }
                long left = deadline - now;
                if (left <= 0) {
                    throw timeout(request, start, waiters.size() - 1);
                }
                // never sleep past a holder's deadline: its lapse may let us in
                me.wakeUp.awaitNanos(Math.min(left, holders.nanosToEarliestDeadline(now)));
            }
        } finally {
            if (waiters.remove(me)) { // timed out or interrupted: whoever is behind may go now
                wakeHead();
            }
        }
    }

    /** Ends the lease if it still holds; harmless for a lease already released or lapsed. */
    void release(LocalLease lease) {
        lock.lock();
        try {
            if (holders.remove(lease)) {
                ended(lease, LocalLease.State.RELEASED);
                wakeHead();
            }
            dropLapsed(System.nanoTime());
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
                String why = lease.state() == LocalLease.State.RELEASED ? "was released"
                        : "lapsed at " + lease.expiresAt();
                throw new LeaseLostException("cannot renew the lease on '" + resource + "' of '" + lease.owner()
                        + "' (token " + lease.token() + "): it " + why + "; work under it must stop");
            }
            LocalLease.Term next = LocalLease.Term.from(now, Instant.now(), ttl);
            lease.extend(next);
            holders.deadlineChanged(next.deadlineNanos());
            wakeHead(); // a shorter term moves the time the head waiter must look again
        } finally {
            retireIfIdle();
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

    /** Adds a listing of every waiter to {@code out}. */
    void listWaiters(List<LockWaiter> out, String node) {
        lock.lock();
        try {
            List<String> holding = holders.all().stream().map(LocalLease::owner).toList();
            waiters.forEach(w -> out.add(new LockWaiter(resource, w.mode, w.owner, node, w.since, holding)));
        } finally {
            lock.unlock();
        }
    }

    /** Releases every holder whatever its owner; returns them. */
    List<LocalLease> forceRelease() {
        lock.lock();
        try {
            List<LocalLease> all = holders.all();
            all.forEach(l -> {
                holders.remove(l);
                ended(l, LocalLease.State.RELEASED);
            });
            wakeHead();
            retireIfIdle();
            return all;
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

    private LocalLease grant(LockRequest request, long nowNanos) {
        Instant now = Instant.now();
        LocalLease lease = new LocalLease(this, request.mode(), request.owner(), table.nextToken(), now,
                LocalLease.Term.from(nowNanos, now, request.ttl()));
        holders.add(lease);
        return lease;
    }

    private void dropLapsed(long nowNanos) {
        List<LocalLease> lapsed = holders.removeLapsed(nowNanos);
        if (!lapsed.isEmpty()) {
            lapsed.forEach(l -> ended(l, LocalLease.State.LAPSED));
            wakeHead();
        }
    }

    private void ended(LocalLease lease, LocalLease.State how) {
        lease.end(how);
        table.left(lease);
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
        long waited = Nanos.toMillis(System.nanoTime() - start);
        return new LockTimeoutException("lock '" + resource + "' (" + request.mode() + ") not granted to '"
                + request.owner() + "' after waiting " + waited + " ms (maxWait " + request.maxWait().toMillis()
                + " ms): held by " + holders.describe() + "; "
                + (othersWaiting == 0 ? "no other request waiting" : othersWaiting + " other request(s) waiting"));
    }
}
