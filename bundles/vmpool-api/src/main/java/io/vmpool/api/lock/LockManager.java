package io.vmpool.api.lock;

import java.time.Duration;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Grants leases on named resources ({@code machine:web1}, {@code placement}). Backends are
 * bundles; the one with the highest service ranking is used.
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
}
