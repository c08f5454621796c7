package io.vmpool.core.internal;

import io.vmpool.api.ConflictException;
import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockMode;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Takes the locks one machine operation needs, always in the {@link LockOrder}:
 * {@code machine:<name>} first, then {@code placement}. Each operation has its own owner id, so
 * two requests of the same user never look like one reentrant holder.
 */
final class OperationLocks {
    static final String PLACEMENT = "placement";

    private final LockService locks;
    private final Duration wait;
    private final Duration ttl;
    private final AtomicLong operations = new AtomicLong();
    private final Map<String, List<String>> held = new ConcurrentHashMap<>();

    OperationLocks(LockService locks, Duration wait, Duration ttl) {
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
        List<String> mine = held.computeIfAbsent(operation, k -> new CopyOnWriteArrayList<>());
        LockOrder.check(mine, resource);
        try {
            Lease lease = locks.acquire(new LockRequest(resource, LockMode.EXCLUSIVE, operation, maxWait, ttl));
            mine.add(resource);
            return new RoutedLease(lease, 0, () -> released(operation, resource));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConflictException("interrupted while waiting for the lock on " + resource);
        } finally {
            if (mine.isEmpty()) {
                held.remove(operation, mine);
            }
        }
    }

    private void released(String operation, String resource) {
        held.computeIfPresent(operation, (k, list) -> {
            list.remove(resource);
            return list.isEmpty() ? null : list;
        });
    }
}
