package io.vmpool.benchmarks;

import io.vmpool.api.lock.LockRequest;
import java.time.Duration;

/** The exclusive requests the lock benchmarks make: wait up to 10 s, a one-hour lease (nothing lapses during a run). */
final class LockRequests {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration TTL = Duration.ofHours(1);

    private LockRequests() {
    }

    static LockRequest exclusive(String resource, String owner) {
        return LockRequest.exclusive(resource, owner, WAIT, TTL);
    }
}
