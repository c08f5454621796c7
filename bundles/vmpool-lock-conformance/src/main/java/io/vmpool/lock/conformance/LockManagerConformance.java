package io.vmpool.lock.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * The lock contract of docs/locking.md as JUnit 5 cases, run by every backend: a backend's test
 * class extends this one and implements the factory hooks. Parts a backend cannot do are opted
 * out of with a reason ({@link #supports(Feature)}) and show up as skipped cases saying why.
 *
 * <pre>
 * class LocalLockManagerConformanceTest extends LockManagerConformance {
 *     protected LockManager newManager() { return new LocalLockManager(...); }
 *     protected String configurationPid() { return "io.vmpool.lock.local"; }
 *     ...
 * }
 * </pre>
 *
 * Every case gets fresh managers (made on first use, disposed after it), has a time limit, and
 * polls with deadlines.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class LockManagerConformance implements ConformanceFixture, ExclusionCases, WaitingCases,
        LeaseCases, LimitCases, ObservingCases, DeadlockCases, NodeCases {

    private final List<LockManager> managers = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private LockManager manager;
    private LockManager peer;

    // ---- hooks a backend implements --------------------------------------------------------

    /** A new, empty manager with no limits set, of its own (it shares no locks with earlier ones). */
    protected abstract LockManager newManager() throws Exception;

    /** The configuration PID the backend's limits are set under (named by its {@code LimitExceededException}). */
    protected abstract String configurationPid();

    /**
     * A new, empty manager with {@code limit} set to {@code value} (seconds for the {@code MAX_*_SECONDS}
     * limits). Needed unless the backend opts out of every limit's feature: {@link Feature#LOCKS_PER_OWNER_LIMIT},
     * {@link Feature#WAITERS_PER_RESOURCE_LIMIT}, {@link Feature#LOCKS_PER_NODE_LIMIT}, {@link Feature#TTL_LIMIT},
     * {@link Feature#WAIT_LIMIT}.
     */
    protected LockManager newManager(Limit limit, int value) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " must override newManager(Limit, int) "
                + "or opt out of the " + limit + " limit in supports(Feature)");
    }

    /**
     * A manager on another node (another process or client session) that shares {@code first}'s locks.
     * Needed unless the backend opts out of {@link Feature#SECOND_NODE}.
     */
    protected LockManager newManagerOnAnotherNode(LockManager first) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " must override newManagerOnAnotherNode "
                + "or opt out of SECOND_NODE in supports(Feature)");
    }

    /**
     * Makes the holder of {@code lease}, acquired through {@code manager}, die the way this backend's holders
     * die, without releasing through the API: local = the owner is gone; ZooKeeper = its client's session is
     * closed (or its process killed). Waiters on other managers ({@link #peer()}) must then get in within
     * {@link #holderDeathTimeout()}. Needed unless the backend opts out of {@link Feature#HOLDER_DEATH}.
     */
    protected void killHolder(LockManager manager, Lease lease) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " must override killHolder "
                + "or opt out of HOLDER_DEATH in supports(Feature)");
    }

    /** Stops a manager made by a factory hook (after its case, also after {@link #killHolder}). */
    protected void dispose(LockManager manager) throws Exception {
    }

    /** Whether the backend supports {@code feature}; everything is supported unless the backend says why not. */
    protected Support supports(Feature feature) {
        return Support.yes();
    }

    // ---- the fixture the cases use ---------------------------------------------------------

    @Override
    public final LockManager manager() {
        if (manager == null) {
            manager = track(call(this::newManager));
        }
        return manager;
    }

    @Override
    public final LockManager peer() {
        if (!supports(Feature.SECOND_NODE).supported()) {
            return manager();
        }
        if (peer == null) {
            LockManager first = manager();
            peer = track(call(() -> newManagerOnAnotherNode(first)));
        }
        return peer;
    }

    @Override
    public final LockManager managerWith(Limit limit, int value) {
        return track(call(() -> newManager(limit, value)));
    }

    @Override
    public final void require(Feature feature) {
        Support s = supports(feature);
        assumeTrue(s.supported(), () -> getClass().getSimpleName() + " opts out of " + feature + ": " + s.reason());
    }

    @Override
    public final void holderDies(LockManager m, Lease lease) {
        call(() -> {
            killHolder(m, lease);
            return null;
        });
    }

    @Override
    public final String pid() {
        return configurationPid();
    }

    @Override
    public final ExecutorService threads() {
        return threads;
    }

    @AfterEach
    final void disposeManagers() throws Exception {
        threads.shutdownNow();
        threads.awaitTermination(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Exception failed = null;
        for (LockManager m : managers) {
            try {
                dispose(m);
            } catch (Exception e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        managers.clear();
        if (failed != null) {
            throw failed;
        }
    }

    private LockManager track(LockManager m) {
        managers.add(m);
        return m;
    }

    /** A factory step of a hook, with its checked exception turned into a failing case. */
    private interface Step<T> {
        T run() throws Exception;
    }

    private static <T> T call(Step<T> step) {
        try {
            return step.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("a backend hook failed: " + e, e);
        }
    }
}
