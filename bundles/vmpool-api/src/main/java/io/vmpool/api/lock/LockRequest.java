package io.vmpool.api.lock;

import java.time.Duration;
import java.util.Objects;

/**
 * Asks for {@code resource} in {@code mode} on behalf of {@code owner}, waiting at most {@code maxWait}
 * (zero: do not wait); the grant is a lease that lapses after {@code ttl} unless renewed.
 */
public record LockRequest(String resource, LockMode mode, String owner, Duration maxWait, Duration ttl) {
    public LockRequest {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(ttl, "ttl");
        if (maxWait.isNegative() || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("maxWait must be >= 0 and ttl > 0");
        }
    }

    public static LockRequest exclusive(String resource, String owner, Duration maxWait, Duration ttl) {
        return new LockRequest(resource, LockMode.EXCLUSIVE, owner, maxWait, ttl);
    }
}
