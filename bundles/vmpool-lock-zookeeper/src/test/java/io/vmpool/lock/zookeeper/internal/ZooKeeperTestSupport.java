package io.vmpool.lock.zookeeper.internal;

import static org.assertj.core.api.Assertions.fail;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockMode;
import io.vmpool.api.lock.LockRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A ZooKeeper of its own per test, managers on it, threads; polls with a deadline. */
abstract class ZooKeeperTestSupport {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration TTL = Duration.ofMinutes(5);

    TestZooKeeper zk;
    final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void startZooKeeper() throws Exception {
        zk = new TestZooKeeper();
    }

    @AfterEach
    void stopEverything() throws Exception {
        threads.shutdownNow();
        zk.close();
    }

    TestZooKeeper.Node node(Map<String, Object> config) throws Exception {
        return zk.newNode(config);
    }

    TestZooKeeper.Node peer(TestZooKeeper.Node first) throws Exception {
        return zk.anotherNode(first.manager(), Map.of());
    }

    static Lease exclusive(ZooKeeperLockManager m, String resource, String owner) throws InterruptedException {
        return m.acquire(LockRequest.exclusive(resource, owner, WAIT, TTL));
    }

    static LockRequest request(String resource, LockMode mode, String owner, Duration maxWait) {
        return new LockRequest(resource, mode, owner, maxWait, TTL);
    }

    /** Polls {@code condition} every few ms until it holds, failing after {@code within}. */
    static void await(String what, Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + within.toMillis() + " ms waiting until " + what);
            }
            try {
                Thread.sleep(5); // poll interval
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting until " + what);
            }
        }
    }
}
