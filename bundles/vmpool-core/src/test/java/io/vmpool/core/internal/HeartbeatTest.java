package io.vmpool.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.HostStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Heartbeats against libvirt's test driver: a host whose node file is missing misses them, and comes back. */
class HeartbeatTest {
    private static final Caller ADMIN = Caller.of("admin", "vmpool-admin");

    @TempDir
    Path dir;
    private RealPool pool;

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void aHostThatStopsAnsweringIsShownUnreachableAndComesBackWithItsNextHeartbeat() throws Exception {
        pool = new RealPool(dir, Map.of(), 8192);
        Path node = dir.resolve("late.xml");
        PoolHost late = new PoolHost(pool.provider, "late", "test://" + node.toAbsolutePath(), 0);
        pool.machines.addHost(late);

        pool.machines.heartbeatNow();
        HostStatus down = status("late");
        assertThat(down.reachable()).isFalse();
        assertThat(down.health()).isEqualTo("UNREACHABLE");
        assertThat(down.problem()).startsWith("unreachable: ");
        assertThat(status("host1").reachable()).as("the other host is not held up").isTrue();

        Files.copy(dir.resolve("host1.xml"), node); // the host is back
        pool.machines.heartbeatNow();
        HostStatus up = status("late");
        assertThat(up.reachable()).isTrue();
        assertThat(up.problem()).isNull();
        assertThat(up.memoryMiB()).isEqualTo(8192);
        late.close();
    }

    private HostStatus status(String host) {
        return pool.machines.hosts(ADMIN).stream().filter(h -> h.name().equals(host)).findFirst().orElseThrow();
    }
}
