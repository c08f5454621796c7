package io.vmpool.lock.support;

import io.vmpool.api.LimitExceededException;
import io.vmpool.api.lock.LockRequest;
import java.time.Duration;
import java.util.Objects;

/**
 * The limits of docs/locking.md in force in one lock manager, as configured under {@code pid}, and
 * their checks; each is off at 0. The values come from the backend's OCD (which holds the defaults);
 * they are checked once, when the configuration arrives. A check that fails throws
 * {@link LimitExceededException} naming the limit, its value and {@code pid}. The counting limits
 * ({@code maxLocksPerOwner}, {@code maxLocksPerNode}) are enforced by {@link LockSlots}.
 *
 * @param maxLocksPerOwner most locks one owner may hold or wait for at once
 * @param maxLocksPerNode most locks this manager (node) may hold or wait for at once, all owners together
 * @param maxWaitersPerResource most requests that may wait for one resource at once
 * @param maxTtlSeconds longest lease time an acquire or renew may ask for
 * @param maxWaitSeconds longest {@code maxWait} an acquire may ask for
 * @param defaultTtl lease time of a renew that names none (not a limit; at least a second, at most {@code maxTtlSeconds})
 */
public record LockLimits(String pid, int maxLocksPerOwner, int maxLocksPerNode, int maxWaitersPerResource,
        long maxTtlSeconds, long maxWaitSeconds, Duration defaultTtl) {

    public LockLimits {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(defaultTtl, "defaultTtl");
        ConfigCheck.atLeast(pid, "maxLocksPerOwner", maxLocksPerOwner, 0);
        ConfigCheck.atLeast(pid, "maxLocksPerNode", maxLocksPerNode, 0);
        ConfigCheck.atLeast(pid, "maxWaitersPerResource", maxWaitersPerResource, 0);
        ConfigCheck.atLeast(pid, "maxTtlSeconds", maxTtlSeconds, 0);
        ConfigCheck.atLeast(pid, "maxWaitSeconds", maxWaitSeconds, 0);
        ConfigCheck.atLeast(pid, "defaultTtlSeconds", defaultTtl.getSeconds(), 1);
        if (maxTtlSeconds > 0 && defaultTtl.getSeconds() > maxTtlSeconds) {
            throw new IllegalArgumentException("defaultTtlSeconds (" + defaultTtl.getSeconds()
                    + ") must not pass maxTtlSeconds (" + maxTtlSeconds + ") (fix it in " + pid + ")");
        }
    }

    /** Refuses, before it takes or waits for anything, a request asking for a longer lease or wait than allowed. */
    public void checkRequest(LockRequest request) {
        checkTtl(request.resource(), request.ttl());
        if (maxWaitSeconds > 0 && request.maxWait().compareTo(Duration.ofSeconds(maxWaitSeconds)) > 0) {
            throw new LimitExceededException("maxWaitSeconds", maxWaitSeconds, pid, "'" + request.owner()
                    + "' asked to wait up to " + describe(request.maxWait()) + " for lock '" + request.resource()
                    + "', longer than allowed");
        }
    }

    /** Throws when a lease of {@code ttl} on {@code resource} would be longer than {@code maxTtlSeconds}. */
    public void checkTtl(String resource, Duration ttl) {
        if (maxTtlSeconds > 0 && ttl.compareTo(Duration.ofSeconds(maxTtlSeconds)) > 0) {
            throw new LimitExceededException("maxTtlSeconds", maxTtlSeconds, pid,
                    "a lease of " + describe(ttl) + " on '" + resource + "' is longer than allowed");
        }
    }

    /** The lease time a renew of a lease on {@code resource} asking for {@code ttl} gets (null: {@code defaultTtl}). */
    public Duration renewal(String resource, Duration ttl) {
        Duration term = ttl == null ? defaultTtl : ttl;
        if (term.isNegative() || term.isZero()) {
            throw new IllegalArgumentException("ttl must be > 0, was " + ttl);
        }
        checkTtl(resource, term);
        return term;
    }

    /** Throws when one more waiter, after the {@code waiting} ones, would pass {@code maxWaitersPerResource}. */
    public void checkWaiters(String resource, int waiting) {
        if (maxWaitersPerResource > 0 && waiting >= maxWaitersPerResource) {
            throw new LimitExceededException("maxWaitersPerResource", maxWaitersPerResource, pid,
                    waiting + " requests already wait for lock '" + resource + "'");
        }
    }

    /** Whole seconds as {@code 61 s}, anything finer in ms ({@code 60500 ms}), so it never reads as within the limit. */
    private static String describe(Duration d) {
        return d.getNano() == 0 ? d.getSeconds() + " s" : d.toMillis() + " ms";
    }
}
