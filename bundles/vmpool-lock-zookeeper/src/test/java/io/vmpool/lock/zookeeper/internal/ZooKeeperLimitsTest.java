package io.vmpool.lock.zookeeper.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.LimitExceededException;
import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.zookeeper.StatsTrack;
import org.apache.zookeeper.cli.SetQuotaCommand;
import org.junit.jupiter.api.Test;

/** The backend's own limits, and ZooKeeper's exhaustion turned into the same explicit error. */
class ZooKeeperLimitsTest extends ZooKeeperTestSupport {

    @Test
    void aLeaseLongerThanMaxTtlIsRefused() throws Exception {
        ZooKeeperLockManager m = node(Map.of("maxTtlSeconds", 60L)).manager();

        assertThatThrownBy(() -> m.acquire(LockRequest.exclusive("r", "op-1:a", WAIT, Duration.ofMinutes(2))))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("maxTtlSeconds");
                    assertThat(e.value()).isEqualTo(60);
                    assertThat(e.pid()).isEqualTo(ZooKeeperLockConfig.PID);
                });
        Lease ok = m.acquire(LockRequest.exclusive("r", "op-1:a", WAIT, Duration.ofSeconds(60)));
        assertThatThrownBy(() -> m.renew(ok, Duration.ofSeconds(61))).isInstanceOf(LimitExceededException.class);
    }

    @Test
    void maxLocksPerNodeCountsThisNodeOnly() throws Exception {
        TestZooKeeper.Node a = node(Map.of("nodeName", "node-a", "maxLocksPerNode", 1));
        TestZooKeeper.Node b = zk.anotherNode(a.manager(), Map.of("nodeName", "node-b"));
        exclusive(a.manager(), "machine:web1", "op-1:alice");

        assertThatThrownBy(() -> exclusive(a.manager(), "machine:web2", "op-2:bob"))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("maxLocksPerNode");
                    assertThat(e.value()).isEqualTo(1);
                    assertThat(e.pid()).isEqualTo(ZooKeeperLockConfig.PID);
                })
                .hasMessageContaining("node 'node-a' already holds or waits for 1 locks");
        assertThat(exclusive(b.manager(), "machine:web2", "op-2:bob").isValid()).as("another node counts its own")
                .isTrue();
    }

    @Test
    void aNodeLimitSetLaterCountsTheLocksAlreadyHeld() throws Exception {
        TestZooKeeper.Node n = node(Map.of());
        exclusive(n.manager(), "machine:web1", "op-1:alice");
        exclusive(n.manager(), "machine:web2", "op-2:bob");
        Map<String, Object> limited = new HashMap<>(n.config());
        limited.put("maxLocksPerNode", 2);

        n.manager().modified(TestConfig.of(ZooKeeperLockConfig.class, limited));

        assertThat(n.manager().held()).as("a change of limits keeps the session and its locks").hasSize(2);
        assertThatThrownBy(() -> exclusive(n.manager(), "machine:web3", "op-3:carol"))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("maxLocksPerNode=2");
    }

    @Test
    void aQueueThatWouldNotFitOneReplyIsAnExplicitLimit() {
        PacketLimit limit = new PacketLimit(1_048_575);
        assertThat(limit.maxChildren()).isBetween(17_000, 19_000);
        assertThat(limit.fits(limit.maxChildren() - 1)).isTrue();
        assertThat(limit.fits(limit.maxChildren())).isFalse();
        assertThat(limit.tooMany("placement", 18_000)).hasMessageContaining("jute.maxbuffer")
                .hasMessageContaining("placement").hasMessageContaining("maxWaitersPerResource")
                .hasMessageContaining(ZooKeeperLockConfig.PID);
    }

    @Test
    void aZooKeeperQuotaIsAnExplicitLimitNamingTheQuota() throws Exception {
        TestZooKeeper.Node n = node(Map.of());
        ZooKeeperLockManager m = n.manager();
        exclusive(m, "volume:0", "op-1:a");
        StatsTrack quota = new StatsTrack();
        quota.setCountHardLimit(8);
        SetQuotaCommand.createQuota(m.currentSession().client().getZookeeperClient().getZooKeeper(),
                "/" + n.namespace(), quota);

        assertThatThrownBy(() -> {
            for (int i = 1; i < 100; i++) {
                exclusive(m, "volume:" + i, "op-1:a");
            }
        }).isInstanceOfSatisfying(LimitExceededException.class, e -> {
            assertThat(e.limit()).contains("quota");
            assertThat(e.value()).isEqualTo(8);
            assertThat(e.pid()).contains("/" + n.namespace());
        }).hasMessageContaining("Quota");
    }
}
