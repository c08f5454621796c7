package io.vmpool.lock.zookeeper.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.api.lock.Lease;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;

/** Lock paths: sharded so no parent grows large, safe for any resource name, cleaned up when idle. */
class LockPathsTest extends ZooKeeperTestSupport {

    @Test
    void aHundredThousandResourcesSpreadOverAtMost4096ShardsEvenly() {
        Map<String, Integer> perShard = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            String path = LockPaths.of("volume:" + i);
            String[] parts = path.split("/");
            assertThat(parts).hasSize(4);
            perShard.merge(parts[2], 1, Integer::sum);
        }
        assertThat(perShard).hasSizeLessThanOrEqualTo(4096).hasSizeGreaterThan(4000);
        assertThat(perShard.values()).allSatisfy(n -> assertThat(n).isLessThan(60)); // mean 24
    }

    @Test
    void anyResourceNameMakesAValidZnodeNameAndReadsBack() throws Exception {
        ZooKeeperLockManager m = node(Map.of()).manager();
        for (String resource : List.of("storage:pool/vol 1", ".", "..", "machine:ünïcödé", "a%2Fb", "tab\there", "x.y")) {
            String escaped = LockPaths.escape(resource);
            assertThat(escaped).doesNotContain("/").isNotIn(".", "..");
            assertThat(LockPaths.resourceOf(escaped)).isEqualTo(resource);
            try (Lease lease = exclusive(m, resource, "op-1:a")) {
                assertThat(m.held()).singleElement().satisfies(i -> assertThat(i.resource()).isEqualTo(resource));
            }
        }
    }

    /** Idle resources leave no znodes behind (containers), and their tokens still grow when used again. */
    @Test
    void idleResourcesLeaveNothingBehindAndTheirTokensStillGrow() throws Exception {
        ZooKeeperLockManager m = node(Map.of()).manager();
        CuratorFramework client = m.currentSession().client();
        long last = 0;
        for (int round = 0; round < 2; round++) {
            try (Lease lease = exclusive(m, "machine:web1", "op-" + round + ":a")) {
                assertThat(lease.token()).isGreaterThan(last);
                last = lease.token();
            }
            await("ZooKeeper removes the idle containers", WAIT,
                    () -> exists(client, LockPaths.ROOT + "/" + LockPaths.shard("machine:web1")) == false);
        }
    }

    private static boolean exists(CuratorFramework client, String path) {
        try {
            return client.checkExists().forPath(path) != null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
