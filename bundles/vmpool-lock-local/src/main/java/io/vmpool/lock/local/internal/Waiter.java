package io.vmpool.lock.local.internal;

import io.vmpool.api.lock.LockMode;
import java.time.Instant;
import java.util.concurrent.locks.Condition;

/** One blocked request in a resource's queue, woken through its own condition. */
final class Waiter {
    final String resource;
    final LockMode mode;
    final String owner;
    final Instant since;
    final Condition wakeUp;

    Waiter(String resource, LockMode mode, String owner, Instant since, Condition wakeUp) {
        this.resource = resource;
        this.mode = mode;
        this.owner = owner;
        this.since = since;
        this.wakeUp = wakeUp;
    }

    @Override
    public String toString() {
        return "'" + owner + "' waiting for '" + resource + "' (" + mode + ") since " + since;
    }
}
