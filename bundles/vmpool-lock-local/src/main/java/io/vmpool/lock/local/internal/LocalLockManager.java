package io.vmpool.lock.local.internal;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockInfo;
import io.vmpool.api.lock.LockManager;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockStats;
import io.vmpool.api.lock.LockWaiter;
import io.vmpool.lock.support.LockErrors;
import io.vmpool.lock.support.LockLimits;
import io.vmpool.lock.support.NodeName;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process lock manager, the built-in default (ranking -100: an installed backend with a
 * higher ranking takes over).
 *
 * <p>Rules: an owner holds a resource at most once. A second {@code acquire} by an owner that already
 * holds the resource, in either mode, is refused at once with a {@link io.vmpool.api.ConflictException}
 * rather than counted or left to wait: with fair queueing it would wait behind a waiter that itself
 * waits for this owner, a deadlock until the lease lapses. Waiters are served first come, first
 * served. A lease lapses at its deadline unless renewed; a lapsed lease is released by the reaper
 * or by the next request that touches the resource, and no waiter waits past a holder's deadline.
 *
 * <p>A configuration change is applied in place ({@code @Modified}), so held locks survive it.
 */
@Component(service = LockManager.class, configurationPid = LocalLockConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = "service.ranking:Integer=-100")
@Designate(ocd = LocalLockConfig.class)
public final class LocalLockManager implements LockManager {
    private static final Logger LOG = LoggerFactory.getLogger(LocalLockManager.class);

    private final LockTable table;
    private volatile LocalSettings settings;
    private LeaseReaper reaper; // guarded by this
    private volatile HeapGuard heap = HeapGuard.start(0);
    private TickingClock clock; // guarded by this; null when clockTickMicros is 0

    @Activate
    public LocalLockManager(LocalLockConfig config) {
        this(config, NodeName.detect());
    }

    LocalLockManager(LocalLockConfig config, String node) {
        this.table = new LockTable(node);
        apply(LocalSettings.of(config));
        LOG.info("local lock manager on node {}: {}", node, settings);
    }

    @Modified
    void modified(LocalLockConfig config) {
        apply(LocalSettings.of(config));
        LOG.info("local lock manager reconfigured: {}", settings);
    }

    @Deactivate
    synchronized void deactivate() {
        if (clock != null) {
            table.useClock(null, Duration.ZERO);
            clock.close();
            clock = null;
        }
        if (reaper != null) {
            reaper.close();
            reaper = null;
        }
        heap.close();
    }

    @Override
    public Lease acquire(LockRequest request) throws InterruptedException {
        LockErrors.requireText("resource", request.resource());
        LockErrors.requireText("owner", request.owner());
        LockLimits limits = settings.limits();
        limits.checkRequest(request);
        heap.check(request);
        return table.acquire(request, limits);
    }

    /** Extends the lease by {@code ttl} from now; a null ttl means {@code defaultTtlSeconds}. */
    @Override
    public Lease renew(Lease lease, Duration ttl) {
        LocalLease own = own(lease);
        own.home().renew(own, settings.limits().renewal(own.resource(), ttl));
        return own;
    }

    @Override
    public void release(Lease lease) {
        own(lease).close();
    }

    @Override
    public List<LockInfo> held() {
        return table.held();
    }

    @Override
    public List<LockWaiter> waiters() {
        return table.waiters();
    }

    @Override
    public LockStats stats() {
        return table.metrics().snapshot();
    }

    @Override
    public String backend() {
        return "local";
    }

    @Override
    public int forceRelease(String resource) {
        List<LocalLease> released = table.forceRelease(resource);
        if (!released.isEmpty()) {
            LOG.warn("force-released {} lease(s) on '{}', whose holders must stop work under them: {}",
                    released.size(), resource, describe(released));
        }
        return released.size();
    }

    /**
     * Releases every lease of an owner that is gone: what the end of a session is to a distributed
     * backend (used by tests for "the holder died"). @return how many leases were released
     */
    int ownerGone(String owner) {
        List<LocalLease> released = table.releaseOwner(owner);
        if (!released.isEmpty()) {
            LOG.warn("owner '{}' is gone: released its {} lease(s): {}", owner, released.size(), describe(released));
        }
        return released.size();
    }

    /** For tests: how many resources with waiters, and waits, the wait-for graph mirrors. */
    String waitGraphSize() {
        return table.graph().size();
    }

    private static String describe(List<LocalLease> leases) {
        StringJoiner j = new StringJoiner("; ");
        leases.forEach(l -> j.add("'" + l.resource() + "' by " + l.describe()));
        return j.toString();
    }

    /** For tests: runs the reaper's sweep now (lapsed leases released, idle states dropped). */
    void sweep() {
        table.reap();
    }

    /** For tests: how many resources have state now. */
    int resourcesInUse() {
        return table.resourcesInUse();
    }

    /** For tests: how many requests wait for {@code resource}. */
    int waiting(String resource) {
        return table.waiting(resource);
    }

    /** For tests: how many locks {@code owner} holds or waits for. */
    int locksOf(String owner) {
        return table.locksOf(owner, settings.limits());
    }

    /** For tests: the heap guard in force. */
    HeapGuard heapGuard() {
        return heap;
    }

    private synchronized void apply(LocalSettings next) {
        long before = settings == null ? -1 : settings.reaperIntervalMillis();
        int heapBefore = settings == null ? -1 : settings.minFreeHeapPercent();
        LocalSettings previous = settings;
        settings = next;
        applyClock(previous, next);
        if (next.minFreeHeapPercent() != heapBefore) {
            heap.close();
            heap = HeapGuard.start(next.minFreeHeapPercent());
        }
        if (next.reaperIntervalMillis() != before) {
            if (reaper != null) {
                reaper.close();
                reaper = null;
            }
            if (next.reaperIntervalMillis() > 0) {
                reaper = new LeaseReaper(table, next.reaperIntervalMillis());
            }
            table.retireAtOnce(reaper == null);
            if (reaper == null) {
                table.reap(); // idle states left for the reaper that no longer runs
            }
        }
    }

    /** Starts, replaces or stops the ticking clock when its settings changed; readings of old and new clock mix safely (both are system clock readings). */
    private void applyClock(LocalSettings previous, LocalSettings next) {
        boolean same = previous != null && previous.clockTickMicros() == next.clockTickMicros()
                && previous.clockBurstTicks() == next.clockBurstTicks();
        if (!same) {
            TickingClock old = clock;
            clock = next.clockTickMicros() > 0 ? new TickingClock(next.clockTickMicros(), next.clockBurstTicks()) : null;
            table.useClock(clock, next.tickingClockMinTtl());
            if (old != null) {
                old.close();
            }
        } else {
            table.useClock(clock, next.tickingClockMinTtl());
        }
    }

    /** For tests: the ticking clock in use, or null. */
    TickingClock clock() {
        return clock;
    }

    private LocalLease own(Lease lease) {
        if (lease instanceof LocalLease local && table.issued(local)) {
            return local;
        }
        throw LockErrors.notOurs(lease);
    }
}
