package io.vmpool.api.lock;

import java.time.Duration;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Grants leases on named resources ({@code machine:web1}, {@code placement}). Backends are
 * bundles; the one with the highest service ranking is used. The contract every backend keeps
 * is written down in docs/locking.md and checked by the conformance suite.
 */
@ProviderType
public interface LockManager {

    /**
     * Waits up to the request's wait for the lock.
     *
     * @throws LockTimeoutException when not granted in time, naming the current holder
     * @throws io.vmpool.api.LimitExceededException when a configured limit would be passed
     */
    Lease acquire(LockRequest request) throws InterruptedException;

    /** Extends a valid lease by {@code ttl} from now; fails with {@link LeaseLostException} if it lapsed. */
    Lease renew(Lease lease, Duration ttl);

    /** Releases the lease (same as {@link Lease#close()}). */
    void release(Lease lease);

    /** Every lock held now. */
    List<LockInfo> held();

    /** Every request waiting now (those this node can see). */
    List<LockWaiter> waiters();

    LockStats stats();

    /**
     * Whether the backend can grant locks now (for ZooKeeper: connected). vmpool does not switch
     * to a backend that is not available; it waits until it is.
     */
    default boolean isAvailable() {
        return true;
    }

    /** A short name of the backend, e.g. {@code local} or {@code zookeeper}, shown by lock:backend. */
    String backend();

    /**
     * Releases every lease on {@code resource} whatever its holder (an administrator's last
     * resort); the holders' leases become invalid. @return how many leases were released
     */
    int forceRelease(String resource);
}
