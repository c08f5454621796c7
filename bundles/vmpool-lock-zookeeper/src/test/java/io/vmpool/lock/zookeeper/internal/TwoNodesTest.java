package io.vmpool.lock.zookeeper.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.lock.DeadlockException;
import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two managers on two Curator clients, as two nodes of one pool. */
class TwoNodesTest extends ZooKeeperTestSupport {

    @Test
    void eachNodeSeesTheOthersHoldersAndWaitersWithTheirNode() throws Exception {
        TestZooKeeper.Node a = node(Map.of("nodeName", "node-a"));
        TestZooKeeper.Node b = zk.anotherNode(a.manager(), Map.of("nodeName", "node-b"));
        Lease held = exclusive(a.manager(), "machine:web1", "op-1:alice");
        Future<Lease> waiting = threads.submit(() -> exclusive(b.manager(), "machine:web1", "op-2:bob"));
        await("bob waits", WAIT, () -> !a.manager().waiters().isEmpty());

        assertThat(b.manager().held()).singleElement().satisfies(i -> {
            assertThat(i.owner()).isEqualTo("op-1:alice");
            assertThat(i.node()).isEqualTo("node-a");
            assertThat(i.token()).isEqualTo(held.token());
        });
        assertThat(a.manager().waiters()).singleElement().satisfies(w -> {
            assertThat(w.owner()).isEqualTo("op-2:bob");
            assertThat(w.node()).isEqualTo("node-b");
            assertThat(w.waitingFor()).containsExactly("op-1:alice");
        });
        held.close();
        assertThat(waiting.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).token()).isGreaterThan(held.token());
    }

    /** Across nodes a wait-for cycle is not detected: the waits' timeouts end it, naming the holders. */
    @Test
    void aCycleAcrossNodesEndsWithTheWaitsTimeouts() throws Exception {
        TestZooKeeper.Node a = node(Map.of());
        TestZooKeeper.Node b = peer(a);
        Lease ax = exclusive(a.manager(), "machine:x", "op-1:a");
        Lease by = exclusive(b.manager(), "machine:y", "op-2:b");
        Duration wait = Duration.ofMillis(500);
        Future<Lease> aWaits = threads.submit(() -> a.manager().acquire(LockRequest.exclusive("machine:y", "op-1:a",
                wait, TTL)));

        assertThatThrownBy(() -> b.manager().acquire(LockRequest.exclusive("machine:x", "op-2:b", wait, TTL)))
                .isInstanceOf(LockTimeoutException.class).isNotInstanceOf(DeadlockException.class)
                .hasMessageContaining("op-1:a");
        assertThatThrownBy(() -> aWaits.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(LockTimeoutException.class);
        assertThat(ax.isValid() && by.isValid()).isTrue();
    }

    @Test
    void aChangeOfLimitsKeepsLeasesAndAChangeOfConnectionEndsThem() throws Exception {
        TestZooKeeper.Node a = node(Map.of());
        Lease lease = exclusive(a.manager(), "r", "op-1:a");
        Map<String, Object> config = new java.util.HashMap<>(a.config());
        config.put("maxLocksPerOwner", 5);

        a.manager().modified(TestConfig.of(ZooKeeperLockConfig.class, config));
        assertThat(lease.isValid()).as("kept over a change of limits").isTrue();

        config.put("namespace", a.namespace() + "-moved");
        a.manager().modified(TestConfig.of(ZooKeeperLockConfig.class, config));
        assertThat(lease.isValid()).as("ended by a reconnect").isFalse();
        assertThat(exclusive(a.manager(), "r", "op-1:a").isValid()).isTrue();
    }
}
