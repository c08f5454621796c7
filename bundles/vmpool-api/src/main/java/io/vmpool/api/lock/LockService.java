package io.vmpool.api.lock;

import java.time.Instant;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The lock layer as vmpool uses it: acquisitions go to the active {@link LockManager} backend
 * (the highest-ranked one), and while the core swaps backends they wait instead of failing.
 * Implemented by the core; the shell's lock:* commands show what it uses.
 */
@ProviderType
public interface LockService {

    /**
     * Acquires through the active backend. During a swap the call waits until the swap is done;
     * that wait is not counted against the request's {@code maxWait}.
     */
    Lease acquire(LockRequest request) throws InterruptedException;

    /** The backend acquisitions go to now. */
    LockManager active();

    /**
     * An administrator's last resort: releases every lease on {@code resource} in the active
     * backend and records an event naming {@code actor} and the holders. @return leases released
     */
    int forceRelease(String resource, String actor);

    /** Name of the active backend and since when it is active. */
    Backend backend();

    /** Which backend, since when, and how many swaps there have been. */
    record Backend(String name, Instant since, int ranking, long swaps) {
    }
}
