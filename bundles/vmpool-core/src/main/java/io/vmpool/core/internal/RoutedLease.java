package io.vmpool.core.internal;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockMode;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A backend's lease that reports its closing, exactly once. Its token is the backend's token
 * plus {@code tokenBase}: the router adds {@code swaps << 48}, so tokens keep growing across a
 * backend swap even though each backend counts from its own start.
 */
final class RoutedLease implements Lease {
    private final Lease lease;
    private final long tokenBase;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    RoutedLease(Lease lease, long tokenBase, Runnable onClose) {
        this.lease = lease;
        this.tokenBase = tokenBase;
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
        return tokenBase + lease.token();
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
