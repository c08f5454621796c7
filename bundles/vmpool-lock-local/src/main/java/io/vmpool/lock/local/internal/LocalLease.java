package io.vmpool.lock.local.internal;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockInfo;
import io.vmpool.api.lock.LockMode;
import io.vmpool.lock.support.Term;
import java.time.Instant;

/**
 * One grant of a resource. Its term (deadline) is changed only by {@link ResourceState} under the
 * resource's lock; readers see it through a volatile field.
 */
final class LocalLease implements Lease {

    /** Where a lease is in its life. */
    enum State { HELD, RELEASED, FORCE_RELEASED, LAPSED }

    private final ResourceState home;
    private final LockMode mode;
    private final String owner;
    private final long token;
    private final Instant acquiredAt;
    private final long grantedNanos;
    private volatile Term term;
    private volatile State state = State.HELD;

    LocalLease(ResourceState home, LockMode mode, String owner, long token, Instant acquiredAt, long grantedNanos,
            Term term) {
        this.home = home;
        this.mode = mode;
        this.owner = owner;
        this.token = token;
        this.acquiredAt = acquiredAt;
        this.grantedNanos = grantedNanos;
        this.term = term;
    }

    @Override
    public String resource() {
        return home.resource();
    }

    @Override
    public LockMode mode() {
        return mode;
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public long token() {
        return token;
    }

    @Override
    public Instant acquiredAt() {
        return acquiredAt;
    }

    @Override
    public Instant expiresAt() {
        return term.expiresAt();
    }

    @Override
    public boolean isValid() {
        return holdsAt(System.nanoTime());
    }

    /** Whether the lease still holds at {@code nowNanos}; safe without the resource's lock. */
    boolean holdsAt(long nowNanos) {
        return state == State.HELD && !term.lapsed(nowNanos);
    }

    /** Releases the lease; harmless when it was already released or lapsed. */
    @Override
    public void close() {
        home.release(this);
    }

    ResourceState home() {
        return home;
    }

    /** When it was granted, on the monotonic clock. */
    long grantedNanos() {
        return grantedNanos;
    }

    Term term() {
        return term;
    }

    State state() {
        return state;
    }

    void extend(Term next) {
        term = next;
    }

    void end(State how) {
        state = how;
    }

    LockInfo info(String node) {
        return new LockInfo(resource(), mode, owner, node, token, acquiredAt, term.expiresAt());
    }

    /** E.g. {@code op-7 (EXCLUSIVE, token 42, expires 2026-01-01T10:00:00Z)}. */
    String describe() {
        return "'" + owner + "' (" + mode + ", token " + token + ", since " + acquiredAt + ", expires "
                + term.expiresAt() + ")";
    }

    @Override
    public String toString() {
        return "lease on '" + resource() + "' by " + describe() + " " + state;
    }
}
