package io.vmpool.api.lock;

import java.time.Instant;

/** A held lock as listed by {@link LockManager#held()}. */
public record LockInfo(String resource, LockMode mode, String owner, String node, long token, Instant since, Instant expiresAt) {
}
