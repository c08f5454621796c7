package io.vmpool.storage.lvm.internal;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockManager;
import io.vmpool.api.lock.LockMode;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockService;
import io.vmpool.lock.local.internal.LocalLockConfig;
import io.vmpool.lock.local.internal.LocalLockManager;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The LockService the core provides, reduced to what a storage backend uses: every acquisition goes
 * to the real local lock manager. It also records how many leases were held at once, so a test can
 * see that the pool's metadata changes were serialized.
 */
final class TestLocks implements LockService {
    final LocalLockManager manager = new LocalLockManager(TestConfig.of(LocalLockConfig.class, Map.of()));
    final AtomicInteger held = new AtomicInteger();
    final AtomicInteger maxHeld = new AtomicInteger();
    final AtomicInteger granted = new AtomicInteger();
    private final Instant since = Instant.now();

    @Override
    public Lease acquire(LockRequest request) throws InterruptedException {
        Lease lease = manager.acquire(request);
        granted.incrementAndGet();
        maxHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
        return new Counted(lease);
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
        return new Backend(manager.backend(), since, -100, 0);
    }

    /** The backend's lease, counting its release once. */
    private final class Counted implements Lease {
        private final Lease lease;
        private boolean closed;

        Counted(Lease lease) {
            this.lease = lease;
        }

        @Override
        public String resource() {
            return lease.resource();
        }

        @Override
        public LockMode mode() {
            return lease.mode();
        }

        @Override
        public String owner() {
            return lease.owner();
        }

        @Override
        public long token() {
            return lease.token();
        }

        @Override
        public Instant acquiredAt() {
            return lease.acquiredAt();
        }

        @Override
        public Instant expiresAt() {
            return lease.expiresAt();
        }

        @Override
        public boolean isValid() {
            return lease.isValid();
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                held.decrementAndGet(); // before the release, so the next holder never sees two
                lease.close();
            }
        }
    }
}
