package io.vmpool.itests;

import org.apache.curator.test.TestingServer;

/**
 * A real ZooKeeper (Curator's TestingServer) in the test driver's JVM on 127.0.0.1, for the
 * container to connect to. Only the driver side touches this class.
 */
final class ZooKeeperForTests {
    private static TestingServer server;

    private ZooKeeperForTests() {
    }

    static synchronized String connectString() {
        if (server == null) {
            try {
                server = new TestingServer(true);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start ZooKeeper for the test: " + e, e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (Exception ignored) {
                    // the JVM is going away
                }
            }));
        }
        return server.getConnectString();
    }
}
