package io.vmpool.core.internal;

import io.vmpool.api.ConflictException;
import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockManager;
import io.vmpool.api.lock.LockMode;
import io.vmpool.api.lock.LockRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Takes the locks one machine operation needs, always in the same order: {@code machine:<name>}
 * first, then {@code placement}. Each operation has its own owner id, so two requests of the same
 * user never look like one reentrant holder.
 */
final class OperationLocks {
    static final String PLACEMENT = "placement";

    private final Supplier<LockManager> locks;
    private final Duration wait;
    private final Duration ttl;
    private final AtomicLong operations = new AtomicLong();

    OperationLocks(Supplier<LockManager> locks, Duration wait, Duration ttl) {
        this.locks = locks;
        this.wait = wait;
        this.ttl = ttl;
    }

    /** A fresh owner id for one operation of {@code caller}. */
    String newOperation(String caller) {
        return "op-" + operations.incrementAndGet() + ":" + caller;
    }

    Lease machine(String name, String operation) {
        return acquire("machine:" + name, operation, wait);
    }

    /** Like {@link #machine} but gives up at once; null when someone else holds it. */
    Lease machineIfFree(String name, String operation) {
        try {
            return acquire("machine:" + name, operation, Duration.ZERO);
        } catch (ConflictException busy) {
            return null;
        }
    }

    Lease placement(String operation) {
        return acquire(PLACEMENT, operation, wait);
    }

    private Lease acquire(String resource, String operation, Duration maxWait) {
        try {
            return locks.get().acquire(new LockRequest(resource, LockMode.EXCLUSIVE, operation, maxWait, ttl));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConflictException("interrupted while waiting for the lock on " + resource);
        }
    }
}
