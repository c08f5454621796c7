package io.vmpool.lock.zookeeper.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The leases this node holds, by znode path and by owner and resource, and the session generation
 * they belong to. A suspended or lost session starts a new generation and hands back every lease
 * of the old one; a grant made in an old generation is refused when it is added, so no lease
 * outlives the session that created its znode unnoticed.
 */
final class LeaseTable {
    private final ConcurrentMap<String, ZooKeeperLease> byPath = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ZooKeeperLease> byOwnerResource = new ConcurrentHashMap<>();
    private long generation; // guarded by this
    private boolean closed; // guarded by this

    synchronized long generation() {
        return generation;
    }

    /** Adds {@code lease} if the session generation is still {@code expected}; false otherwise. */
    synchronized boolean add(ZooKeeperLease lease, long expected) {
        if (closed || generation != expected) {
            return false;
        }
        byPath.put(lease.path(), lease);
        byOwnerResource.put(key(lease.owner(), lease.resource()), lease);
        return true;
    }

    /** Starts a new generation (for good when {@code close}) and returns every lease of the old one. */
    synchronized List<ZooKeeperLease> newGeneration(boolean close) {
        generation++;
        closed |= close;
        return new ArrayList<>(byPath.values());
    }

    void remove(ZooKeeperLease lease) {
        byPath.remove(lease.path(), lease);
        byOwnerResource.remove(key(lease.owner(), lease.resource()), lease);
    }

    ZooKeeperLease at(String path) {
        return byPath.get(path);
    }

    ZooKeeperLease heldBy(String owner, String resource) {
        return byOwnerResource.get(key(owner, resource));
    }

    boolean contains(ZooKeeperLease lease) {
        return byPath.get(lease.path()) == lease;
    }

    Collection<ZooKeeperLease> all() {
        return byPath.values();
    }

    private static String key(String owner, String resource) {
        return owner + '\n' + resource;
    }
}
