package io.vmpool.api.lock;

import java.time.Instant;
import java.util.List;

/** A request waiting for a lock: who waits, since when, and the owners it waits for. */
public record LockWaiter(String resource, LockMode mode, String owner, String node, Instant since, List<String> waitingFor) {
    public LockWaiter {
        waitingFor = List.copyOf(waitingFor);
    }
}
