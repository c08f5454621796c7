package io.vmpool.lock.zookeeper.internal;

import io.vmpool.api.lock.LockInfo;
import io.vmpool.api.lock.LockWaiter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the holders and waiters of every node from the lock tree, level by level with pipelined
 * reads ({@link BatchReads}): the shards, the resources in them, their queues, then the requests'
 * data. An administrator's view (lock:list, lock:waiters): its cost grows with the locks in use,
 * and nothing on the lock path calls it.
 */
final class LockTreeWalk {
    private static final Logger LOG = LoggerFactory.getLogger(LockTreeWalk.class);

    /** One resource's queue as read, with each request's data by node name (a request that just left has none). */
    private record Resource(String name, String dir, LockQueue queue, Map<String, BatchReads.Data> data) {

        NodeData dataOf(LockNode n) {
            BatchReads.Data d = data.get(dir + "/" + n.name());
            return d == null ? null : NodeData.decode(d.bytes());
        }

        long tokenOf(LockNode n) {
            return data.get(dir + "/" + n.name()).stat().getCzxid();
        }
    }

    private final CuratorFramework client;
    private final LeaseTable leases;
    private final PacketLimit packets;
    private final ZooKeeperErrors errors;
    private final BatchReads reads;

    LockTreeWalk(CuratorFramework client, LeaseTable leases, PacketLimit packets, ZooKeeperErrors errors,
            long timeoutMillis) {
        this.client = client;
        this.leases = leases;
        this.packets = packets;
        this.errors = errors;
        this.reads = new BatchReads(client, timeoutMillis);
    }

    List<LockInfo> held() {
        List<LockInfo> out = new ArrayList<>();
        for (Resource r : walk("list held locks", false)) {
            for (LockNode h : r.queue().holders()) {
                ZooKeeperLease local = leases.at(r.dir() + "/" + h.name());
                NodeData d = r.dataOf(h);
                if (local != null && local.isValid()) {
                    out.add(local.info());
                } else if (d != null) {
                    out.add(new LockInfo(r.name(), h.mode(), d.owner(), d.node(), r.tokenOf(h), d.acquiredAt(),
                            d.expiresAt()));
                }
            }
        }
        out.sort(Comparator.comparing(LockInfo::resource).thenComparingLong(LockInfo::token));
        return out;
    }

    List<LockWaiter> waiters() {
        List<LockWaiter> out = new ArrayList<>();
        for (Resource r : walk("list waiting requests", true)) {
            List<LockNode> nodes = r.queue().nodes();
            for (int i = r.queue().holders().size(); i < nodes.size(); i++) {
                NodeData w = r.dataOf(nodes.get(i));
                if (w == null) {
                    continue;
                }
                List<String> waitingFor = new ArrayList<>();
                for (LockNode b : r.queue().blockersOf(i)) {
                    NodeData d = r.dataOf(b);
                    if (d != null && !waitingFor.contains(d.owner())) {
                        waitingFor.add(d.owner());
                    }
                }
                out.add(new LockWaiter(r.name(), nodes.get(i).mode(), w.owner(), w.node(), w.requestedAt(), waitingFor));
            }
        }
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

    /** Every resource with requests, and the data of its holders (and, with {@code waiters}, of all its requests). */
    private List<Resource> walk(String what, boolean waiters) {
        try {
            List<String> shards = new ArrayList<>();
            for (String s : children(LockPaths.ROOT)) {
                shards.add(LockPaths.ROOT + "/" + s);
            }
            List<String> dirs = new ArrayList<>();
            reads.children(shards).forEach((shard, names) -> names.forEach(n -> dirs.add(shard + "/" + n)));
            List<String> listable = new ArrayList<>();
            reads.stats(dirs).forEach((dir, stat) -> {
                if (packets.fits(stat.getNumChildren())) {
                    listable.add(dir);
                } else {
                    LOG.warn("not listing {}: its {} requests do not fit one ZooKeeper reply", dir, stat.getNumChildren());
                }
            });
            List<Resource> out = new ArrayList<>();
            List<String> requests = new ArrayList<>();
            reads.children(listable).forEach((dir, children) -> {
                LockQueue queue = LockQueue.of(children);
                if (queue.nodes().isEmpty() || (!waiters && queue.holders().isEmpty())
                        || (waiters && queue.waiting() == 0)) {
                    return;
                }
                out.add(new Resource(LockPaths.resourceOf(dir.substring(dir.lastIndexOf('/') + 1)), dir, queue, null));
                for (LockNode n : waiters ? queue.nodes() : queue.holders()) {
                    requests.add(dir + "/" + n.name());
                }
            });
            Map<String, BatchReads.Data> data = reads.data(requests);
            return out.stream().map(r -> new Resource(r.name(), r.dir(), r.queue(), data)).toList();
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
}
