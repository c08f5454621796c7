package io.vmpool.storage.lvm.internal;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockService;
import io.vmpool.api.storage.StorageException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The exclusive lease {@code storage:lvm:<vg>} every metadata change of one VG runs under, so two
 * vmpool operations (on this node or, with a cluster lock backend, on any) never race on lvm's
 * metadata. Each operation is its own owner ({@code storage-lvm:<vg>:op-<n>}).
 */
final class VgLock {
    private final String pool;
    private final String resource;
    private final String ownerPrefix;
    private final LockService locks;
    private final Duration wait;
    private final Duration ttl;
    private final AtomicLong operations = new AtomicLong();

    /** Work done under the lease. */
    interface Work<T> {
        T run(Lease lease);
    }

    VgLock(String pool, String vg, LockService locks, long waitSeconds, long ttlSeconds, long commandTimeoutSeconds) {
        if (waitSeconds < 0) {
            throw new IllegalArgumentException("lockWaitSeconds must be >= 0, is " + waitSeconds + " (fix it in "
                    + LvmStorageConfig.PID + ")");
        }
        if (ttlSeconds < 2 * commandTimeoutSeconds) {
            throw new IllegalArgumentException("lockTtlSeconds (" + ttlSeconds + ") must be at least twice "
                    + "commandTimeoutSeconds (" + commandTimeoutSeconds + "): a create runs two lvm commands under "
                    + "the lease (fix it in " + LvmStorageConfig.PID + ")");
        }
        this.pool = pool;
        this.resource = resource(vg);
        this.ownerPrefix = "storage-lvm:" + vg + ":op-";
        this.locks = locks;
        this.wait = Duration.ofSeconds(waitSeconds);
        this.ttl = Duration.ofSeconds(ttlSeconds);
    }

    static String resource(String vg) {
        return "storage:lvm:" + vg;
    }

    /** Runs {@code work} holding the VG's exclusive lease; lock errors (timeout, limits) pass through as they are. */
    <T> T call(Work<T> work) {
        Lease lease;
        try {
            lease = locks.acquire(LockRequest.exclusive(resource, ownerPrefix + operations.incrementAndGet(), wait, ttl));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(pool, "interrupted while waiting for lock " + resource, e);
        }
        try (lease) {
            return work.run(lease);
        }
    }
}
