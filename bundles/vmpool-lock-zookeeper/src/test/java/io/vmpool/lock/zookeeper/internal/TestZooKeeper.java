package io.vmpool.lock.zookeeper.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * A real ZooKeeper server in the test JVM on 127.0.0.1 with short ticks (sessions of a second or two
 * are allowed), a container check every 100 ms and no fsync per write, plus the managers of a test: each on a
 * namespace of its own unless it is another node of the same pool, each through its own
 * {@link FreezableProxy}.
 */
final class TestZooKeeper implements AutoCloseable {
    static final int SESSION_MILLIS = 2000;
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    /** A manager of a test and the relay it talks through. */
    record Node(ZooKeeperLockManager manager, FreezableProxy proxy, String namespace, Map<String, Object> config) {
    }

    private final TestingServer server;
    private final List<Node> nodes = new ArrayList<>();

    TestZooKeeper() throws Exception {
        System.setProperty("znode.container.checkIntervalMs", "100");
        System.setProperty("zookeeper.enforceQuota", "true"); // read once per JVM; harmless where no quota is set
        System.setProperty("zookeeper.forceSync", "no"); // tests only: no fsync of the transaction log per write
        Map<String, Object> props = new HashMap<>();
        props.put("clientPortAddress", "127.0.0.1");
        InstanceSpec spec = new InstanceSpec(null, -1, -1, -1, true, -1, 200, 0, props, "127.0.0.1");
        server = new TestingServer(spec, true);
    }

    TestingServer server() {
        return server;
    }

    /** A manager on a fresh namespace (sharing no locks with earlier ones). */
    synchronized Node newNode(Map<String, Object> config) throws IOException {
        return node("t" + NAMESPACES.incrementAndGet(), config);
    }

    /** Another node of {@code first}'s pool: same namespace, its own client, session and relay. */
    synchronized Node anotherNode(ZooKeeperLockManager first, Map<String, Object> config) throws IOException {
        return node(find(first).namespace(), config);
    }

    synchronized Node find(ZooKeeperLockManager m) {
        return nodes.stream().filter(n -> n.manager() == m).findFirst().orElseThrow();
    }

    synchronized void dispose(ZooKeeperLockManager m) throws IOException {
        Node n = find(m);
        nodes.remove(n);
        n.manager().deactivate();
        n.proxy().close();
    }

    private Node node(String namespace, Map<String, Object> config) throws IOException {
        FreezableProxy proxy = new FreezableProxy(server.getPort());
        Map<String, Object> all = new HashMap<>();
        all.put("connectString", proxy.connectString());
        all.put("namespace", namespace);
        all.put("sessionTimeoutMillis", SESSION_MILLIS);
        all.put("connectionTimeoutMillis", 3000);
        all.put("retryBaseSleepMillis", 50);
        all.put("retryMaxSleepMillis", 200);
        all.put("nodeName", "node-" + (nodes.size() + 1) + "-" + namespace);
        all.putAll(config);
        ZooKeeperLockManager manager = new ZooKeeperLockManager(TestConfig.of(ZooKeeperLockConfig.class, all));
        Node n = new Node(manager, proxy, namespace, Map.copyOf(all));
        nodes.add(n);
        return n;
    }

    @Override
    public synchronized void close() throws IOException {
        for (Node n : new ArrayList<>(nodes)) {
            dispose(n.manager());
        }
        server.close();
    }
}
