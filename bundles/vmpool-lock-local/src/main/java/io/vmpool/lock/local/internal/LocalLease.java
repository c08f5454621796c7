package io.vmpool.lock.local.internal;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockInfo;
import io.vmpool.api.lock.LockMode;
import io.vmpool.lock.support.CounterCell;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;

/**
 * One grant of a resource, kept compact (a held lock is this and its {@link ResourceState}): times
 * as longs, the resource's name shared with its state, and {@link Instant}s made only when asked for.
 * The wall-clock expiry is the grant's wall-clock time plus the monotonic time from grant to deadline.
 * Its deadline is changed only by {@link ResourceState} under the resource's lock, with a release store,
 * and read anywhere with an acquire load. It ends once: whoever ends it (its holder's release, a lapse, a
 * forced release, the withdrawal of a fast grant) moves its state from {@code HELD} by compare-and-set, and
 * only the one whose compare-and-set succeeds counts the end. An ended lease may stay in its state's holder
 * field as the mark of a free resource ({@link Holders}), so it is never valid once its resource can be
 * granted again.
 */
final class LocalLease implements Lease {

    /** Where a lease is in its life. */
    enum State { HELD, RELEASED, FORCE_RELEASED, LAPSED }

    private static final State[] STATES = State.values();
    private static final VarHandle DEADLINE;
    private static final VarHandle STATE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            DEADLINE = lookup.findVarHandle(LocalLease.class, "deadlineNanos", long.class);
            STATE = lookup.findVarHandle(LocalLease.class, "state", byte.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private static final LockMode[] MODES = LockMode.values();

    private final ResourceState home;
    private final byte mode; // a LockMode's ordinal: bytes, not references, keep the lease at 64 bytes
    private final String owner;
    private final long token;
    private final long acquiredEpochNanos;
    private final long grantedNanos;
    private final boolean ownerCounted;
    /** The counters of the thread that was granted it: its release on that thread counts there without a lookup. */
    private final CounterCell cell;
    private long deadlineNanos; // read and written through DEADLINE
    private byte state; // a State's ordinal; read and written through STATE

    /**
     * A lease granted at {@code grantedNanos} (monotonic) / {@code acquiredEpochNanos} (wall clock, nanoseconds
     * since the epoch), lapsing at {@code deadlineNanos}, on the thread whose counters are {@code cell}.
     */
    LocalLease(ResourceState home, LockMode mode, String owner, long token, long acquiredEpochNanos, long grantedNanos,
            long deadlineNanos, boolean ownerCounted, CounterCell cell) {
        this.home = home;
        this.mode = (byte) mode.ordinal();
        this.owner = owner;
        this.token = token;
        this.acquiredEpochNanos = acquiredEpochNanos;
        this.grantedNanos = grantedNanos;
        this.deadlineNanos = deadlineNanos;
        this.ownerCounted = ownerCounted;
        this.cell = cell;
    }

    @Override
    public String resource() {
        return home == null ? owner : home.resource();
    }

    @Override
    public LockMode mode() {
        return MODES[mode];
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
        return Instant.ofEpochSecond(0, acquiredEpochNanos);
    }

    @Override
    public Instant expiresAt() {
        return Instant.ofEpochSecond(0, acquiredEpochNanos).plusNanos(deadlineNanos() - grantedNanos);
    }

    @Override
    public boolean isValid() {
        return holdsAt(System.nanoTime());
    }

    /** Whether the lease still holds at {@code nowNanos}; safe without the resource's lock. */
    boolean holdsAt(long nowNanos) {
        return held() && !lapsedAt(nowNanos);
    }

    /** Whether the deadline has come at {@code nowNanos}. */
    boolean lapsedAt(long nowNanos) {
        return deadlineNanos() - nowNanos <= 0;
    }

    /** A marker that is no lease: never held, no home (see {@link Holders}), carrying {@code token}. */
    static LocalLease marker(String what, long token) {
        LocalLease m = new LocalLease(null, LockMode.EXCLUSIVE, what, token, 0, 0, 0, false, null);
        m.state = (byte) State.RELEASED.ordinal();
        return m;
    }

    /**
     * Whether the lease has not been released, forced out or lapsed (its deadline aside). A volatile read: a
     * waiter's check reads it after publishing itself, against a release's compare-and-set (see {@link Holders}).
     */
    boolean held() {
        return (byte) STATE.getVolatile(this) == State.HELD.ordinal();
    }

    /** Ends the lease as {@code how} if it is still held: true for the one caller that ends it, who counts the end. */
    boolean end(State how) {
        return STATE.compareAndSet(this, (byte) State.HELD.ordinal(), (byte) how.ordinal());
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

    /** Whether its request took an owner slot (a {@code maxLocksPerOwner} was set then), to give back at its end. */
    boolean ownerCounted() {
        return ownerCounted;
    }

    /** The granted thread's counters when the calling thread is that one, else null. */
    CounterCell cellIfCurrentThread() {
        CounterCell c = cell;
        return c != null && c.ofCurrentThread() ? c : null;
    }

    /** When it lapses, on the monotonic clock. */
    long deadlineNanos() {
        return (long) DEADLINE.getAcquire(this);
    }

    State state() {
        return STATES[(byte) STATE.getAcquire(this)];
    }

    void extend(long nextDeadlineNanos) {
        DEADLINE.setRelease(this, nextDeadlineNanos);
    }

    LockInfo info(String node) {
        return new LockInfo(resource(), mode(), owner, node, token, acquiredAt(), expiresAt());
    }

    /** E.g. {@code op-7 (EXCLUSIVE, token 42, expires 2026-01-01T10:00:00Z)}. */
    String describe() {
        return "'" + owner + "' (" + mode() + ", token " + token + ", since " + acquiredAt() + ", expires "
                + expiresAt() + ")";
    }

    @Override
    public String toString() {
        return "lease on '" + resource() + "' by " + describe() + " " + state();
    }
}
