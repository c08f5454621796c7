package io.vmpool.benchmarks;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockManager;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockService;
import io.vmpool.lock.local.internal.LocalLockManager;
import io.vmpool.lock.local.internal.LocalLockManagers;
import java.time.Instant;
import java.util.Map;

/**
 * The core's LockService reduced to what a storage backend uses, in front of a real
 * {@link LocalLockManager} with the shipped defaults: every call is delegated as it is (the core's
 * service adds only the wait during a backend swap, which never happens here).
 */
final class LocalLockService implements LockService, AutoCloseable {
    private final LocalLockManager manager = LocalLockManagers.start(Map.of());
    private final Instant since = Instant.now();

    @Override
    public Lease acquire(LockRequest request) throws InterruptedException {
        return manager.acquire(request);
    }

    @Override
    public LockManager active() {
        return manager;
    }

    @Override
    public int forceRelease(String resource, String actor) {
        return manager.forceRelease(resource);
    }

    @Override
    public Backend backend() {
        return new Backend(manager.backend(), since, 0, 0);
    }

    @Override
    public void close() {
        LocalLockManagers.stop(manager);
    }
}
