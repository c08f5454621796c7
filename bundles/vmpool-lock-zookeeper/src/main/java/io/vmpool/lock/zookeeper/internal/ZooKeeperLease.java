package io.vmpool.lock.zookeeper.internal;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockInfo;
import io.vmpool.api.lock.LockMode;
import io.vmpool.lock.support.Term;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * One grant, backed by its ephemeral-sequential znode {@link #path()}. Its state and term change
 * only under the lease's monitor; readers see them through volatile fields. Work under the lease
 * learns that it must stop from {@link #isValid()} (false at once when the term passes, the
 * session is suspended or lost, or the znode is deleted by someone else), from
 * {@code renew} throwing {@code LeaseLostException}, and from callbacks given to {@link #whenLost}.
 */
final class ZooKeeperLease implements Lease {

    /** Where a lease is in its life. */
    enum State { HELD, RELEASED, LAPSED, LOST }

    private final LockSession home;
    private final String resource;
    private final LockMode mode;
    private final String owner;
    private final String node;
    private final long token;
    private final String path;
    private final Instant acquiredAt;
    private final long grantedNanos;
    private final List<Consumer<String>> lostListeners = new CopyOnWriteArrayList<>();
    private volatile Term term;
    private volatile State state = State.HELD;
    private volatile String endedBecause = "";
    private NodeData data; // guarded by this
    private int dataVersion; // guarded by this
    private ScheduledFuture<?> lapseTimer; // guarded by this

    ZooKeeperLease(LockSession home, String resource, LockMode mode, String owner, String node, long token, String path,
            Instant acquiredAt, long grantedNanos, Term term, NodeData data, int dataVersion) {
        this.home = home;
        this.resource = resource;
        this.mode = mode;
        this.owner = owner;
        this.node = node;
        this.token = token;
        this.path = path;
        this.acquiredAt = acquiredAt;
        this.grantedNanos = grantedNanos;
        this.term = term;
        this.data = data;
        this.dataVersion = dataVersion;
    }

    @Override
    public String resource() {
        return resource;
    }

    @Override
    public LockMode mode() {
        return mode;
    }

    @Override
    public String owner() {
        return owner;
    }

    /** The czxid of the lease's znode: ZooKeeper's transaction id, which only grows (see docs/zookeeper.md). */
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
        return state == State.HELD && !term.lapsed(System.nanoTime());
    }

    /** Releases the lease; harmless when it already ended. */
    @Override
    public void close() {
        home.release(this);
    }

    /**
     * Runs {@code listener} with the reason once the lease is lost (lapsed, session suspended or lost,
     * znode deleted by an administrator) — at once if it already is. Not run on a normal release.
     */
    void whenLost(Consumer<String> listener) {
        lostListeners.add(listener);
        State s = state;
        if (s == State.LAPSED || s == State.LOST) {
            if (lostListeners.remove(listener)) {
                listener.accept(endedBecause);
            }
        }
    }

    String path() {
        return path;
    }

    LockSession home() {
        return home;
    }

    State state() {
        return state;
    }

    String endedBecause() {
        return endedBecause;
    }

    Term term() {
        return term;
    }

    long grantedNanos() {
        return grantedNanos;
    }

    synchronized NodeData data() {
        return data;
    }

    synchronized int dataVersion() {
        return dataVersion;
    }

    /** Ends the lease in state {@code how}; true for the one caller that ended it, false when it had already ended. */
    synchronized boolean end(State how, String reason) {
        if (state != State.HELD) {
            return false;
        }
        endedBecause = reason;
        state = how;
        if (lapseTimer != null) {
            lapseTimer.cancel(false);
            lapseTimer = null;
        }
        return true;
    }

    /** Ends the lease as lapsed if its term has passed (the lapse timer's check); true if it did. */
    synchronized boolean endIfLapsed(long nowNanos) {
        return term.lapsed(nowNanos) && end(State.LAPSED, "its lease expired at " + term.expiresAt());
    }

    /** Takes the new term after a successful renew, if the lease still holds; false when it ended meanwhile. */
    synchronized boolean extend(Term next, NodeData written, int version) {
        if (state != State.HELD || term.lapsed(System.nanoTime())) {
            return false;
        }
        term = next;
        data = written;
        dataVersion = version;
        return true;
    }

    synchronized void lapseTimer(ScheduledFuture<?> timer) {
        if (lapseTimer != null) {
            lapseTimer.cancel(false);
        }
        if (state == State.HELD) {
            lapseTimer = timer;
        } else {
            timer.cancel(false);
        }
    }

    /** Tells the lost-listeners; called once, by whoever ended the lease as lapsed or lost. */
    void tellLost() {
        for (Consumer<String> l : lostListeners) {
            if (lostListeners.remove(l)) {
                try {
                    l.accept(endedBecause);
                } catch (RuntimeException ignored) {
                    // a listener's failure must not keep the others from hearing
                }
            }
        }
    }

    LockInfo info() {
        return new LockInfo(resource, mode, owner, node, token, acquiredAt, term.expiresAt());
    }

    /** E.g. {@code 'op-7:alice' on node1 (EXCLUSIVE, token 4294967301, since ..., expires ...)}. */
    String describe() {
        return "'" + owner + "' on " + node + " (" + mode + ", token " + token + ", since " + acquiredAt + ", expires "
                + term.expiresAt() + ")";
    }

    @Override
    public String toString() {
        return "lease on '" + resource + "' by " + describe() + " " + state
                + (endedBecause.isEmpty() ? "" : ": " + endedBecause);
    }
}
