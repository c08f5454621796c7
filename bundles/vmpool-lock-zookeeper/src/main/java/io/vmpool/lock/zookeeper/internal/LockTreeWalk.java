package io.vmpool.lock.zookeeper.internal;

import io.vmpool.api.lock.LockInfo;
import io.vmpool.api.lock.LockWaiter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the holders and waiters of every node from the lock tree: one getChildren per shard level
 * and resource, one getData per request. An administrator's view (lock:list, lock:waiters): its
 * cost grows with the resources in use, nothing on the lock path calls it.
 */
final class LockTreeWalk {
    private static final Logger LOG = LoggerFactory.getLogger(LockTreeWalk.class);

    /** One request znode as read: its place in the queue and what it says. */
    private record Request(LockNode lock, NodeData data, long token) {
    }

    /** Visits one resource's queue. */
    private interface Visitor {
        void visit(String resource, String dir, LockQueue queue) throws Exception;
    }

    private final CuratorFramework client;
    private final LeaseTable leases;
    private final PacketLimit packets;
    private final ZooKeeperErrors errors;

    LockTreeWalk(CuratorFramework client, LeaseTable leases, PacketLimit packets, ZooKeeperErrors errors) {
        this.client = client;
        this.leases = leases;
        this.packets = packets;
        this.errors = errors;
    }

    List<LockInfo> held() {
        List<LockInfo> out = new ArrayList<>();
        walk("list held locks", (resource, dir, queue) -> {
            for (LockNode h : queue.holders()) {
                String path = dir + "/" + h.name();
                ZooKeeperLease local = leases.at(path);
                if (local != null && local.isValid()) {
                    out.add(local.info());
                    continue;
                }
                Request r = read(path, h);
                if (r != null) {
                    out.add(new LockInfo(resource, h.mode(), r.data().owner(), r.data().node(), r.token(),
                            r.data().acquiredAt(), r.data().expiresAt()));
                }
            }
        });
        out.sort(Comparator.comparing(LockInfo::resource).thenComparingLong(LockInfo::token));
        return out;
    }

    List<LockWaiter> waiters() {
        List<LockWaiter> out = new ArrayList<>();
        walk("list waiting requests", (resource, dir, queue) -> {
            int holders = queue.holders().size();
            if (holders == queue.nodes().size()) {
                return;
            }
            Map<String, Request> read = new HashMap<>();
            for (LockNode n : queue.nodes()) {
                Request r = read(dir + "/" + n.name(), n);
                if (r != null) {
                    read.put(n.name(), r);
                }
            }
            for (int i = holders; i < queue.nodes().size(); i++) {
                Request w = read.get(queue.nodes().get(i).name());
                if (w == null) {
                    continue;
                }
                List<String> waitingFor = new ArrayList<>();
                for (LockNode b : queue.blockersOf(i)) {
                    Request r = read.get(b.name());
                    if (r != null && !waitingFor.contains(r.data().owner())) {
                        waitingFor.add(r.data().owner());
                    }
                }
                out.add(new LockWaiter(resource, w.lock().mode(), w.data().owner(), w.data().node(),
                        w.data().requestedAt(), waitingFor));
            }
        });
        out.sort(Comparator.comparing(LockWaiter::since).thenComparing(LockWaiter::resource));
        return out;
    }

    /** The znode paths of the requests holding {@code resource} now. */
    List<String> holderPaths(String resource) {
        String dir = LockPaths.of(resource);
        try {
            List<String> out = new ArrayList<>();
            for (LockNode h : LockQueue.of(client.getChildren().forPath(dir)).holders()) {
                out.add(dir + "/" + h.name());
            }
            return out;
        } catch (KeeperException.NoNodeException nobody) {
            return List.of();
        } catch (Exception e) {
            throw errors.translate("list the holders of lock '" + resource + "'", e);
        }
    }

    private void walk(String what, Visitor visitor) {
        try {
            for (String a : children(LockPaths.ROOT)) {
                for (String b : children(LockPaths.ROOT + "/" + a)) {
                    String shard = LockPaths.ROOT + "/" + a + "/" + b;
                    for (String escaped : children(shard)) {
                        String dir = shard + "/" + escaped;
                        String resource = LockPaths.resourceOf(escaped);
                        Stat stat = client.checkExists().forPath(dir);
                        if (stat == null || stat.getNumChildren() == 0) {
                            continue;
                        }
                        if (!packets.fits(stat.getNumChildren())) {
                            LOG.warn("not listing lock '{}': {} requests do not fit one ZooKeeper reply", resource,
                                    stat.getNumChildren());
                            continue;
                        }
                        visitor.visit(resource, dir, LockQueue.of(children(dir)));
                    }
                }
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw errors.translate(what, e);
        }
    }

    private List<String> children(String path) throws Exception {
        try {
            return client.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException gone) {
            return List.of();
        }
    }

    private Request read(String path, LockNode lock) throws Exception {
        try {
            Stat stat = new Stat();
            byte[] bytes = client.getData().storingStatIn(stat).forPath(path);
            return new Request(lock, NodeData.decode(bytes), stat.getCzxid());
        } catch (KeeperException.NoNodeException gone) {
            return null;
        }
    }
}
