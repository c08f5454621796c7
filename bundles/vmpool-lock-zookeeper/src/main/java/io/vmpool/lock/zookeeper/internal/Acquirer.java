package io.vmpool.lock.zookeeper.internal;

import io.vmpool.api.BackendException;
import io.vmpool.api.VmpoolException;
import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockTimeoutException;
import io.vmpool.lock.support.LockErrors;
import io.vmpool.lock.support.LockLimits;
import io.vmpool.lock.support.LockMetrics;
import io.vmpool.lock.support.LockSlots;
import io.vmpool.lock.support.Nanos;
import io.vmpool.lock.support.Term;
import io.vmpool.lock.support.WaitStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Takes one lock the ZooKeeper way: create an ephemeral-sequential znode under the resource, hold
 * when the queue rules say so ({@link LockQueue}), else watch the one request ahead that matters
 * and look again when it changes, until granted, timed out, deadlocked, or the session ends. The
 * fencing token is the znode's czxid.
 */
final class Acquirer {
    private final LockSession session;
    private final CuratorFramework client;
    private final String node;
    private final LeaseTable leases;
    private final LockSlots slots;
    private final WaitForGraph graph;
    private final LockMetrics metrics;
    private final ZooKeeperErrors errors;
    private final PacketLimit packets;

    Acquirer(LockSession session, CuratorFramework client, String node, LeaseTable leases, LockSlots slots,
            WaitForGraph graph, LockMetrics metrics, ZooKeeperErrors errors, PacketLimit packets) {
        this.session = session;
        this.client = client;
        this.node = node;
        this.leases = leases;
        this.slots = slots;
        this.graph = graph;
        this.metrics = metrics;
        this.errors = errors;
        this.packets = packets;
    }

    Lease acquire(LockRequest request, LockLimits limits, long connectionTimeoutMillis) throws InterruptedException {
        LockErrors.requireText("resource", request.resource());
        LockErrors.requireText("owner", request.owner());
        long start = System.nanoTime();
        limits.checkRequest(request);
        ZooKeeperLease mine = leases.heldBy(request.owner(), request.resource());
        if (mine != null && mine.isValid()) {
            throw LockErrors.alreadyHeld(request.resource(), request.owner(), mine.describe());
        }
        awaitConnection(request, connectionTimeoutMillis);
        slots.take(request.owner(), limits);
        boolean granted = false;
        try {
            Lease lease = queueUp(request, limits, start);
            granted = true;
            return lease;
        } catch (InterruptedException | VmpoolException e) {
            throw e;
        } catch (Exception e) {
            throw errors.translate("acquire lock '" + request.resource() + "' for '" + request.owner() + "'", e);
        } finally {
            if (!granted) {
                slots.give(request.owner());
            }
        }
    }

    private Lease queueUp(LockRequest request, LockLimits limits, long start) throws Exception {
        long generation = leases.generation();
        String resource = request.resource();
        String dir = LockPaths.of(resource);
        Instant now = Instant.now();
        NodeData data = new NodeData(request.owner(), node, now, now, Term.from(start, now, request.ttl()).expiresAt());
        Stat stat = new Stat();
        String path = create(dir, request, data, stat, start);
        String name = ZKPaths.getNodeFromPath(path);
        long token = stat.getCzxid() != 0 ? stat.getCzxid() : client.checkExists().forPath(path).getCzxid();
        checkQueueFits(request, dir, path, name);
        long deadline = start + nanos(request);
        PendingRequest waiter = null;
        boolean granted = false;
        try {
            while (true) {
                if (leases.generation() != generation) {
                    throw new BackendException(ZooKeeperErrors.BACKEND, "the ZooKeeper session was suspended or "
                            + "lost while '" + request.owner() + "' asked for lock '" + resource + "'; no lock was granted");
                }
                LockQueue queue = LockQueue.of(client.getChildren().forPath(dir));
                int index = queue.indexOf(name);
                if (index < 0) {
                    throw new BackendException(ZooKeeperErrors.BACKEND, "the request of '" + request.owner()
                            + "' for lock '" + resource + "' vanished from ZooKeeper (its session ended, or someone "
                            + "deleted " + path + ")");
                }
                if (queue.holds(index)) {
                    ZooKeeperLease lease = grant(request, path, token, data, waiter != null, start, generation);
                    granted = true;
                    return lease;
                }
                long now2 = System.nanoTime();
                if (request.maxWait().isZero() || deadline - now2 <= 0) {
                    metrics.timedOut();
                    throw timeout(request, start, dir, queue, index);
                }
                if (waiter == null) {
                    limits.checkWaiters(resource, index - queue.holders().size());
                    waiter = new PendingRequest(resource, request.mode(), request.owner(), path, start);
                    metrics.startedWaiting();
                }
                List<WaitStep> cycle = graph.waitFor(waiter, blockers(dir, queue, index));
                if (!cycle.isEmpty()) {
                    metrics.deadlock();
                    throw WaitStep.deadlock(cycle);
                }
                LockNode ahead = queue.watchTargetOf(index);
                if (client.checkExists().usingWatcher(waiter.watcher).forPath(dir + "/" + ahead.name()) != null) {
                    waiter.await(deadline - System.nanoTime());
                }
                waiter.checkNotAborted();
            }
        } finally {
            if (waiter != null) {
                graph.leave(waiter);
                metrics.stoppedWaiting();
            }
            if (!granted) {
                session.deleteInBackground(path);
            }
        }
    }

    /**
     * Refuses a request whose queue could no longer be listed in one ZooKeeper reply ({@link PacketLimit}).
     * A parent's sequence counts every create and delete of a child since it was made, so it is never
     * below the number of children: only a queue whose sequence has come that far costs a look.
     */
    private void checkQueueFits(LockRequest request, String dir, String path, String name) throws Exception {
        LockNode mine = LockNode.parse(name);
        if (mine == null || packets.fits((int) Math.min(Integer.MAX_VALUE, mine.sequence()))) {
            return;
        }
        Stat dirStat = client.checkExists().forPath(dir);
        if (dirStat != null && !packets.fits(dirStat.getNumChildren())) {
            session.deleteInBackground(path);
            throw packets.tooMany(request.resource(), dirStat.getNumChildren() - 1);
        }
    }

    /** Creates the request's znode (and, as containers, its parents; retried if ZooKeeper removes an empty one meanwhile). */
    private String create(String dir, LockRequest request, NodeData data, Stat stat, long start) throws Exception {
        long deadline = start + nanos(request);
        for (int attempt = 0; ; attempt++) {
            try {
                return client.create().storingStatIn(stat).withProtection().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                        .forPath(dir + "/" + LockNode.prefix(request.mode()), data.encode());
            } catch (KeeperException.NoNodeException noParent) {
                if (attempt > 0 && System.nanoTime() - deadline > 0) {
                    throw noParent;
                }
                makeContainer(dir);
            }
        }
    }

    /** Creates the resource's container znode, and its shard's if that is missing too (two round trips at most, usually one). */
    private void makeContainer(String dir) throws Exception {
        try {
            client.create().withMode(CreateMode.CONTAINER).forPath(dir);
        } catch (KeeperException.NodeExistsException made) {
            // another request made it
        } catch (KeeperException.NoNodeException noShard) {
            try {
                client.create().creatingParentContainersIfNeeded().withMode(CreateMode.CONTAINER).forPath(dir);
            } catch (KeeperException.NodeExistsException made) {
                // another request made it
            }
        }
    }

    private ZooKeeperLease grant(LockRequest request, String path, long token, NodeData data, boolean waited, long start,
            long generation) throws Exception {
        long nowNanos = System.nanoTime();
        Instant now = Instant.now();
        Term term = Term.from(nowNanos, now, request.ttl());
        NodeData held = data;
        int version = 0;
        if (waited) { // the provisional grant time and expiry were written at arrival
            held = data.granted(now, term.expiresAt());
            version = client.setData().withVersion(0).forPath(path, held.encode()).getVersion();
        }
        ZooKeeperLease lease = new ZooKeeperLease(session, request.resource(), request.mode(), request.owner(), node,
                token, path, waited ? now : data.acquiredAt(), nowNanos, term, held, version);
        if (!session.adopt(lease, generation, nowNanos - start)) {
            throw LockSession.suspendedDuringGrant(request);
        }
        return lease;
    }

    private void awaitConnection(LockRequest request, long connectionTimeoutMillis) throws InterruptedException {
        if (client.getZookeeperClient().isConnected()) {
            return;
        }
        long wait = request.maxWait().isZero() ? connectionTimeoutMillis
                : Math.min(connectionTimeoutMillis, Math.max(1, request.maxWait().toMillis()));
        if (!client.blockUntilConnected((int) wait, TimeUnit.MILLISECONDS)) {
            throw new BackendException(ZooKeeperErrors.BACKEND, "cannot take lock '" + request.resource() + "' for '"
                    + request.owner() + "': not connected to ZooKeeper (waited " + wait + " ms; see connectString and "
                    + "connectionTimeoutMillis in " + ZooKeeperLockConfig.PID + ")");
        }
    }

    private List<PendingRequest.Blocker> blockers(String dir, LockQueue queue, int index) {
        List<LockNode> holders = queue.holders();
        List<PendingRequest.Blocker> out = new ArrayList<>();
        for (LockNode n : queue.blockersOf(index)) {
            out.add(new PendingRequest.Blocker(dir + "/" + n.name(), holders.contains(n)));
        }
        return out;
    }

    private LockTimeoutException timeout(LockRequest request, long start, String dir, LockQueue queue, int index) {
        List<String> holders = new ArrayList<>();
        for (LockNode h : queue.holders()) {
            holders.add(describe(dir + "/" + h.name(), h));
        }
        int others = queue.nodes().size() - queue.holders().size() - 1;
        return LockErrors.timeout(request, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                LockErrors.holders(holders), others);
    }

    /** A holder for a message: from this node's lease, else from its znode. */
    private String describe(String path, LockNode holder) {
        ZooKeeperLease local = leases.at(path);
        if (local != null) {
            return local.describe();
        }
        try {
            Stat stat = new Stat();
            NodeData d = NodeData.decode(client.getData().storingStatIn(stat).forPath(path));
            return "'" + d.owner() + "' on " + d.node() + " (" + holder.mode() + ", token " + stat.getCzxid() + ", since "
                    + d.acquiredAt() + ", expires " + d.expiresAt() + ")";
        } catch (Exception e) {
            return "a request that just left (" + holder.name() + ")";
        }
    }

    private static long nanos(LockRequest request) {
        return Nanos.of(request.maxWait());
    }
}
