package io.vmpool.lock.zookeeper.internal;

import io.vmpool.api.BackendException;
import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LeaseLostException;
import io.vmpool.api.lock.LockInfo;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockWaiter;
import io.vmpool.lock.support.LockErrors;
import io.vmpool.lock.support.LockLimits;
import io.vmpool.lock.support.LockSlots;
import io.vmpool.lock.support.Term;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Curator client and the leases taken through it: grants, renews, releases, lapses and losses.
 * A suspended or lost ZooKeeper session ends every lease at once (isValid turns false, renew throws
 * {@link LeaseLostException}, lost-listeners run), gives up every waiting request, and is logged and
 * counted; the znodes of those leases are deleted as soon as the connection is back (Curator's
 * guaranteed delete), unless the session expired and ZooKeeper removed them already.
 */
final class LockSession implements ConnectionStateListener {
    private static final Logger LOG = LoggerFactory.getLogger(LockSession.class);

    private final Object issuer;
    private final CuratorFramework client;
    private final ConnectionSettings settings;
    private final ZooKeeperMetrics metrics;
    private final ZooKeeperErrors errors;
    private final LeaseTable leases = new LeaseTable();
    private final LockSlots slots;
    private final WaitForGraph graph = new WaitForGraph(leases);
    private final ScheduledThreadPoolExecutor timers;
    private final Acquirer acquirer;
    private final LockTreeWalk walk;

    private LockSession(Object issuer, CuratorFramework client, ConnectionSettings settings, String node,
            ZooKeeperMetrics metrics) {
        this.issuer = issuer;
        this.slots = new LockSlots(node);
        this.client = client;
        this.settings = settings;
        this.metrics = metrics;
        this.errors = new ZooKeeperErrors(client, settings);
        PacketLimit packets = PacketLimit.ofClients();
        this.acquirer = new Acquirer(this, client, node, leases, slots, graph, metrics, errors, packets);
        this.walk = new LockTreeWalk(client, leases, packets, errors, settings.connectionTimeoutMillis());
        this.timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "vmpool-lock-zookeeper-lapse");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
    }

    /** Starts a client for {@code settings}; it connects in the background (operations wait for it). */
    static LockSession open(Object issuer, ConnectionSettings settings, String node, ZooKeeperMetrics metrics) {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(settings.connectString())
                .namespace(settings.namespace())
                .sessionTimeoutMs(settings.sessionTimeoutMillis())
                .connectionTimeoutMs(settings.connectionTimeoutMillis())
                .retryPolicy(new ExponentialBackoffRetry(settings.retryBaseSleepMillis(), settings.retryMaxRetries(),
                        settings.retryMaxSleepMillis()))
                .build();
        LockSession session = new LockSession(issuer, client, settings, node, metrics);
        client.getConnectionStateListenable().addListener(session);
        client.start();
        return session;
    }

    boolean issuedBy(Object manager) {
        return issuer == manager;
    }

    CuratorFramework client() {
        return client;
    }

    Lease acquire(LockRequest request, LockLimits limits) throws InterruptedException {
        return acquirer.acquire(request, limits, settings.connectionTimeoutMillis());
    }

    /**
     * Makes a granted request a lease of this session, unless the session was suspended since
     * {@code generation} (then the caller deletes the znode and fails).
     */
    boolean adopt(ZooKeeperLease lease, long generation, long waitedNanos) {
        if (!leases.add(lease, generation)) {
            return false;
        }
        metrics.granted(waitedNanos);
        scheduleLapse(lease);
        watchHeld(lease);
        return true;
    }

    /** Ends the lease if it still holds and deletes its znode; harmless when it already ended. */
    void release(ZooKeeperLease lease) {
        if (lease.end(ZooKeeperLease.State.RELEASED, "released by its holder")) {
            finish(lease);
        }
    }

    /** Moves the lease's expiry to {@code ttl} (already checked against the limits) from now, in its znode too. */
    Lease renew(ZooKeeperLease lease, Duration ttl) {
        long now = System.nanoTime();
        if (!lease.isValid()) {
            lapseIfDue(lease, now);
            throw lost(lease);
        }
        Term next = Term.from(now, Instant.now(), ttl);
        NodeData written = lease.data().expiring(next.expiresAt());
        Stat stat;
        try {
            stat = client.setData().withVersion(lease.dataVersion()).forPath(lease.path(), written.encode());
        } catch (KeeperException.NoNodeException | KeeperException.BadVersionException e) {
            lose(lease, "its znode was deleted or rewritten by someone else (" + e.code() + ")", false);
            throw lost(lease);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            lose(lease, "ZooKeeper could not confirm the renew (" + e + ")", true);
            throw lost(lease);
        }
        if (!lease.extend(next, written, stat.getVersion())) {
            lapseIfDue(lease, System.nanoTime());
            throw lost(lease);
        }
        scheduleLapse(lease);
        return lease;
    }

    List<LockInfo> held() {
        return walk.held();
    }

    List<LockWaiter> waiters() {
        return walk.waiters();
    }

    int forceRelease(String resource) {
        int released = 0;
        for (String path : walk.holderPaths(resource)) {
            try {
                client.delete().forPath(path);
                released++;
            } catch (KeeperException.NoNodeException gone) {
                // released meanwhile
            } catch (Exception e) {
                throw errors.translate("force-release lock '" + resource + "'", e);
            }
            ZooKeeperLease mine = leases.at(path);
            if (mine != null) {
                lose(mine, "force-released by an administrator", false);
            }
        }
        return released;
    }

    /** Connection state changes, on Curator's event thread: a suspended or lost session ends every lease. */
    @Override
    public void stateChanged(CuratorFramework c, ConnectionState state) {
        switch (state) {
            case SUSPENDED, LOST -> {
                String reason = state == ConnectionState.SUSPENDED
                        ? "the connection to ZooKeeper was suspended (session may have ended)"
                        : "the ZooKeeper session was lost";
                int lost = endAll(reason, true);
                metrics.sessionLoss();
                LOG.warn("{} at {}: {} lease(s) of this node lost, waiting requests given up; work under them must "
                        + "stop ({} suspensions/losses so far)", reason, settings.connectString(), lost,
                        metrics.sessionLosses());
            }
            case RECONNECTED -> LOG.info("reconnected to ZooKeeper at {}; locks are granted again",
                    settings.connectString());
            case CONNECTED -> LOG.info("connected to ZooKeeper at {} (namespace /{})", settings.connectString(),
                    settings.namespace());
            default -> {
            }
        }
    }

    /** Ends every lease and wait with {@code reason} and closes the client (which removes its znodes). */
    void close(String reason) {
        int lost = endAll(reason, false);
        if (lost > 0) {
            LOG.warn("{}: {} lease(s) of this node ended; work under them must stop", reason, lost);
        }
        timers.shutdownNow();
        client.close();
    }

    private int endAll(String reason, boolean countAsLapsed) {
        int lost = 0;
        for (ZooKeeperLease lease : leases.newGeneration(!countAsLapsed)) {
            if (lose(lease, reason, countAsLapsed)) {
                lost++;
            }
        }
        graph.all().forEach(w -> w.abort(reason));
        return lost;
    }

    /** Ends {@code lease} as lost; true for the caller that ended it. */
    private boolean lose(ZooKeeperLease lease, String reason, boolean countAsLapsed) {
        if (!lease.end(ZooKeeperLease.State.LOST, reason)) {
            return false;
        }
        if (countAsLapsed) {
            metrics.lapsed();
        }
        LOG.warn("lease on '{}' of {} lost: {}; work under it must stop", lease.resource(), lease.describe(), reason);
        finish(lease);
        lease.tellLost();
        return true;
    }

    private void lapseIfDue(ZooKeeperLease lease, long nowNanos) {
        if (lease.endIfLapsed(nowNanos)) {
            metrics.lapsed();
            LOG.warn("lease on '{}' of {} lapsed and was released; its holder did not renew it in time",
                    lease.resource(), lease.describe());
            finish(lease);
            lease.tellLost();
        }
    }

    /** After a lease ended: forget it, free its owner's slot, delete its znode (retried until it is gone). */
    private void finish(ZooKeeperLease lease) {
        leases.remove(lease);
        slots.give(lease.owner());
        metrics.holdEnded(System.nanoTime() - lease.grantedNanos());
        deleteInBackground(lease.path());
    }

    void deleteInBackground(String path) {
        try {
            client.delete().quietly().guaranteed().inBackground().forPath(path);
        } catch (Exception e) {
            LOG.warn("could not delete lock znode {}; it goes with this node's ZooKeeper session", path, e);
        }
    }

    private void scheduleLapse(ZooKeeperLease lease) {
        try {
            lease.lapseTimer(timers.schedule(() -> lapseIfDue(lease, System.nanoTime()),
                    lease.term().nanosLeft(System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            lose(lease, "the lock manager stopped", false);
        }
    }

    /** Watches a held lease's znode, so a deletion by someone else (lock:release --force) ends the lease here at once. */
    private void watchHeld(ZooKeeperLease lease) {
        Watcher watcher = event -> {
            if (event.getType() == Watcher.Event.EventType.NodeDeleted) {
                lose(lease, "its znode was deleted by someone else (lock:release --force)", false);
            } else if (event.getType() != Watcher.Event.EventType.None
                    && lease.state() == ZooKeeperLease.State.HELD) {
                watchHeld(lease); // a renew changed its data: watch again
            }
        };
        try {
            client.checkExists().usingWatcher(watcher).inBackground((c, event) -> {
                if (event.getResultCode() == KeeperException.Code.NONODE.intValue()) {
                    lose(lease, "its znode was deleted by someone else (lock:release --force)", false);
                }
            }).forPath(lease.path());
        } catch (Exception e) {
            LOG.debug("could not watch {}; a forced release is then noticed at the next renew", lease.path(), e);
        }
    }

    private static LeaseLostException lost(ZooKeeperLease lease) {
        String why = switch (lease.state()) {
            case RELEASED -> "was released";
            case LAPSED -> "lapsed at " + lease.expiresAt();
            case LOST -> "was lost: " + lease.endedBecause();
            case HELD -> "lapsed at " + lease.expiresAt();
        };
        return LockErrors.leaseLost(lease, why);
    }

    /** Fails a grant that straddled a session suspension. */
    static BackendException suspendedDuringGrant(LockRequest request) {
        return new BackendException(ZooKeeperErrors.BACKEND, "lock '" + request.resource() + "' for '" + request.owner()
                + "' was granted in a ZooKeeper session that has since been suspended or lost; no lock was granted");
    }
}
