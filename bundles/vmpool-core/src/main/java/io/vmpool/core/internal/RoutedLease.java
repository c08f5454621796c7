package io.vmpool.core.internal;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockMode;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/** A backend's lease that tells the {@link LockRouter} when it is closed, exactly once. */
final class RoutedLease implements Lease {
    private final Lease lease;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    RoutedLease(Lease lease, Runnable onClose) {
        this.lease = lease;
        this.onClose = onClose;
    }

    /** The backend's own lease, for renew calls that must reach the backend that granted it. */
    Lease unwrap() {
        return lease;
    }

    @Override
    public String resource() {
        return lease.resource();
    }

    @Override
    public LockMode mode() {
        return lease.mode();
    }

    @Override
    public String owner() {
        return lease.owner();
    }

    @Override
    public long token() {
        return lease.token();
    }

    @Override
    public Instant acquiredAt() {
        return lease.acquiredAt();
    }

    @Override
    public Instant expiresAt() {
        return lease.expiresAt();
    }

    @Override
    public boolean isValid() {
        return !closed.get() && lease.isValid();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                lease.close();
            } finally {
                onClose.run();
            }
        }
    }

    @Override
    public String toString() {
        return lease.toString();
    }
}
