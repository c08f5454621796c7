package io.vmpool.core.internal;

import io.vmpool.api.Event;
import io.vmpool.api.inventory.InventoryStore;
import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockManager;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes every acquisition to the highest-ranked available {@link LockManager} and swaps
 * backends without two holders of one resource and without failing an operation: during a swap
 * new acquisitions wait; an owner that already holds leases of the old backend keeps using it, so
 * its operation can finish; once the old backend's leases are released (or
 * {@code swapDrainSeconds} passed) acquisitions go to the new one. A higher-ranked backend that
 * is not available yet (ZooKeeper not connected) is switched to once it is. The unbind of a
 * backend being uninstalled blocks until its leases are drained, so it keeps serving them.
 */
@Component(service = LockService.class, configurationPid = LockRouterConfig.PID)
@Designate(ocd = LockRouterConfig.class)
public class LockRouter implements LockService {
    private static final Logger LOG = LoggerFactory.getLogger(LockRouter.class);
    /** Bits of a routed token that are the backend's own; the bits above count swaps. */
    static final int TOKEN_BITS = 48;

    private final Duration drain;
    private final Duration recheck = Duration.ofMillis(500);
    private final java.util.concurrent.atomic.AtomicBoolean recheckScheduled = new java.util.concurrent.atomic.AtomicBoolean();
    private final Clock clock;
    private final Consumer<Event> events;
    private final Map<LockManager, Integer> rankings = new IdentityHashMap<>();
    private final Map<LockManager, Integer> inUse = new IdentityHashMap<>();
    private final Map<String, LockManager> ownerBackend = new HashMap<>();
    private final Map<String, Integer> ownerLeases = new HashMap<>();
    private final Map<LockManager, Long> epochs = new IdentityHashMap<>();
    private LockManager active;
    private Instant since;
    private boolean swapping;
    private long swaps;

    @Activate
    public LockRouter(@Reference InventoryStore inventory, LockRouterConfig config) {
        this(Duration.ofSeconds(config.swapDrainSeconds()), Clock.systemUTC(), inventory::record);
    }

    LockRouter(Duration drain, Clock clock, Consumer<Event> events) {
        this.drain = drain;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Every lock backend, so the router itself picks the best one and keeps the others alive
     * (DS would otherwise release, and so deactivate, a backend it unbinds while its leases drain).
     */
    @Reference(service = LockManager.class, cardinality = ReferenceCardinality.AT_LEAST_ONE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindLockManager(LockManager manager, Map<String, Object> properties) {
        Object r = properties.get(Constants.SERVICE_RANKING);
        int ranking = r instanceof Integer i ? i : 0;
        synchronized (this) {
            rankings.put(manager, ranking);
            if (active == null && manager.isAvailable()) {
                active = manager;
                since = clock.instant();
                LOG.info("lock backend {} (ranking {}) active", manager.backend(), ranking);
                notifyAll();
                return;
            }
        }
        reconsider();
    }

    void unbindLockManager(LockManager manager) {
        LockManager next;
        synchronized (this) {
            rankings.remove(manager);
            if (manager != active) {
                awaitDrained(manager, "backend " + manager.backend() + " going away");
                return;
            }
            next = best(true);
            if (next == null) {
                next = best(false); // none available: the best there is, its errors say why
            }
            if (next == null) {
                awaitDrained(manager, "last backend " + manager.backend() + " going away");
                active = null;
                return;
            }
        }
        // the backend going away is still usable until this returns: its leases drain first
        switchTo(next);
    }

    /**
     * Switches to a higher-ranked backend once it is available. Never to a lower one: a node
     * whose ZooKeeper connection drops must not fall back to local locks other nodes cannot see.
     */
    void reconsider() {
        LockManager next;
        synchronized (this) {
            next = best(true);
            if (next == null || next == active || (active != null && rank(next) <= rank(active))) {
                if (higherPending()) {
                    scheduleRecheck();
                }
                return;
            }
        }
        switchTo(next);
    }

    /** Caller holds the monitor. The highest-ranked backend, available ones first. */
    private LockManager best(boolean availableOnly) {
        LockManager best = null;
        for (LockManager m : rankings.keySet()) {
            if ((!availableOnly || m.isAvailable()) && (best == null || rank(m) > rank(best))) {
                best = m;
            }
        }
        return best;
    }

    /** Caller holds the monitor. */
    private boolean higherPending() {
        return rankings.keySet().stream().anyMatch(m -> m != active && (active == null || rank(m) > rank(active)));
    }

    private int rank(LockManager m) {
        return rankings.getOrDefault(m, Integer.MIN_VALUE);
    }

    private void scheduleRecheck() {
        if (recheckScheduled.compareAndSet(false, true)) {
            LOG.info("a higher-ranked lock backend is not available yet; staying on {} and checking again every {} ms",
                    active == null ? "none" : active.backend(), recheck.toMillis());
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        Thread.sleep(recheck.toMillis());
                        synchronized (this) {
                            if (!higherPending()) {
                                return;
                            }
                        }
                        reconsider();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    recheckScheduled.set(false);
                }
            }, "vmpool-lock-router-recheck");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Makes {@code next} the active backend once the current one's leases are released. */
    void switchTo(LockManager next) {
        synchronized (this) {
            if (next == active) {
                return;
            }
            LockManager old = active;
            swapping = true;
            try {
                if (old != null) {
                    LOG.info("lock backend swap {} -> {}: draining {} lease(s) of {}", old.backend(), next.backend(),
                            inUse.getOrDefault(old, 0), old.backend());
                    awaitDrained(old, "swap to " + next.backend());
                }
                active = next;
                since = clock.instant();
                swaps++;
                epochs.put(next, swaps);
                LOG.info("lock backend {} (ranking {}) active", next.backend(), rankings.get(next));
            } finally {
                swapping = false;
                notifyAll();
            }
        }
    }

    /** Caller holds the monitor. */
    private void awaitDrained(LockManager manager, String why) {
        long deadline = System.nanoTime() + drain.toNanos();
        boolean interrupted = false;
        while (inUse.getOrDefault(manager, 0) > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.warn("{}: {} lease(s) of {} still held after {} s (swapDrainSeconds in {}); going ahead",
                        why, inUse.get(manager), manager.backend(), drain.toSeconds(), LockRouterConfig.PID);
                break;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Lease acquire(LockRequest request) throws InterruptedException {
        LockManager manager = enter(request.owner());
        long tokenBase;
        synchronized (this) {
            tokenBase = epochs.getOrDefault(manager, 0L) << TOKEN_BITS;
        }
        try {
            Lease lease = manager.acquire(request);
            if (lease.token() >>> TOKEN_BITS != 0) {
                lease.close();
                throw new IllegalStateException("backend " + manager.backend() + " gave fencing token " + lease.token()
                        + ", beyond the " + TOKEN_BITS + " bits the router keeps for a backend's own count");
            }
            return new RoutedLease(lease, tokenBase, () -> leave(manager, request.owner()));
        } catch (RuntimeException | InterruptedException | Error e) {
            leave(manager, request.owner());
            throw e;
        }
    }

    private synchronized LockManager enter(String owner) throws InterruptedException {
        LockManager manager = ownerBackend.get(owner);
        if (manager == null) {
            while (swapping || active == null) {
                wait();
            }
            manager = active;
            ownerBackend.put(owner, manager);
        }
        ownerLeases.merge(owner, 1, Integer::sum);
        inUse.merge(manager, 1, Integer::sum);
        return manager;
    }

    private synchronized void leave(LockManager manager, String owner) {
        if (inUse.merge(manager, -1, Integer::sum) <= 0) {
            inUse.remove(manager);
        }
        if (ownerLeases.merge(owner, -1, Integer::sum) <= 0) {
            ownerLeases.remove(owner);
            ownerBackend.remove(owner);
        }
        notifyAll();
    }

    @Override
    public int forceRelease(String resource, String actor) {
        LockManager manager = active();
        List<String> holders = manager.held().stream().filter(l -> l.resource().equals(resource))
                .map(l -> l.owner() + " (token " + l.token() + ", node " + l.node() + ")").toList();
        int released = manager.forceRelease(resource);
        String message = "forced release of " + resource + " in backend " + manager.backend() + ": " + released
                + " lease(s) " + (holders.isEmpty() ? "" : "held by " + String.join(", ", holders));
        LOG.warn("{} by {}", message, actor);
        events.accept(Event.now("lock:" + resource, "lock.force-released", actor, message));
        return released;
    }

    @Override
    public synchronized LockManager active() {
        if (active == null) {
            throw new IllegalStateException("no lock backend is available");
        }
        return active;
    }

    @Override
    public synchronized Backend backend() {
        LockManager m = active();
        return new Backend(m.backend(), since, rankings.getOrDefault(m, 0), swaps);
    }
}
