package io.vmpool.lock.zookeeper.internal;

import io.vmpool.api.BackendException;
import io.vmpool.api.lock.LockMode;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;

/**
 * A request of this node that waits in a resource's queue: its znode, and the wake-up that the
 * watch on the request ahead of it (or a session suspension) triggers.
 */
final class PendingRequest {

    /** A request ahead that this one waits for, by znode path; {@code holds} when it holds the lock. */
    record Blocker(String path, boolean holds) {
    }

    final String resource;
    final LockMode mode;
    final String owner;
    final String path;
    final long sinceNanos;
    /**
     * Wakes the request on a change of the znode it watches (ZooKeeper keeps one watch per watcher and path).
     * Connection events are not changes: a suspension reaches the request through {@link #abort}.
     */
    final Watcher watcher = event -> {
        if (event.getType() != Watcher.Event.EventType.None) {
            signal();
        }
    };
    private boolean signalled; // guarded by this
    private String abortedBecause; // guarded by this

    PendingRequest(String resource, LockMode mode, String owner, String path, long sinceNanos) {
        this.resource = resource;
        this.mode = mode;
        this.owner = owner;
        this.path = path;
        this.sinceNanos = sinceNanos;
    }

    synchronized void signal() {
        signalled = true;
        notifyAll();
    }

    /** Makes the wait fail with a {@link BackendException} saying {@code why}. */
    synchronized void abort(String why) {
        abortedBecause = why;
        notifyAll();
    }

    /** Waits until signalled or {@code nanos} pass; throws when aborted. */
    synchronized void await(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (!signalled && abortedBecause == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        signalled = false;
        checkNotAborted();
    }

    synchronized void checkNotAborted() {
        if (abortedBecause != null) {
            throw new BackendException("zookeeper", "the request of '" + owner + "' for lock '" + resource
                    + "' was given up: " + abortedBecause + "; no lock was granted");
        }
    }
}
