package io.vmpool.lock.local.internal;

import io.vmpool.api.lock.LockMode;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/** One blocked request in a resource's queue; its thread parks and is woken by an unpark. */
final class Waiter {
    final String resource;
    final LockMode mode;
    final String owner;
    final Instant since;
    final Thread thread;

    Waiter(String resource, LockMode mode, String owner, Instant since, Thread thread) {
        this.resource = resource;
        this.mode = mode;
        this.owner = owner;
        this.since = since;
        this.thread = thread;
    }

    /** Wakes the waiting thread to look again (harmless when it is not parked). */
    void wakeUp() {
        LockSupport.unpark(thread);
    }

    @Override
    public String toString() {
        return "'" + owner + "' waiting for '" + resource + "' (" + mode + ") since " + since;
    }
}
