package io.vmpool.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.HostStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heartbeats against libvirt: a test-driver host whose node file is missing misses them, and comes back;
 * a host that hangs (libvirt's remote driver connected to a socket that never answers) misses them by
 * the timeout without holding up the other hosts or the host listing.
 */
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

    /** A hang guard, not a speed check: before the fix the host listing waited on the hung connect for good. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aHostThatHangsMissesItsHeartbeatByTheTimeoutAndHoldsUpNothingElse() throws Exception {
        try (SilentHost silent = new SilentHost()) {
            pool = new RealPool(dir, Map.of("heartbeatTimeoutMillis", 300L), 8192);
            // at its activation the socket is closed at once: the connect fails, the host starts unreachable
            PoolHost hung = new PoolHost(pool.provider, "hung", "test+tcp://127.0.0.1:" + silent.port() + "/default", 0);
            pool.machines.addHost(hung);
            silent.hold();

            pool.machines.heartbeatNow(); // connects again, and that connect never returns
            HostStatus down = status("hung");
            assertThat(down.reachable()).isFalse();
            assertThat(down.problem()).contains("no answer within 300 ms");
            assertThat(status("host1").reachable()).as("the other host is not held up").isTrue();
            assertThat(silent.held()).as("libvirt reached the silent host").isNotEmpty();

            pool.machines.heartbeatNow(); // the first is still hanging: missed again, without a second connect
            assertThat(status("hung").problem()).contains("no answer within 300 ms");
            assertThat(silent.held()).hasSize(1);
            hung.close();
        }
    }

    /** A TCP listener that first closes what it accepts, then, after {@link #hold()}, keeps it open and says nothing. */
    private static final class SilentHost implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private volatile boolean holding;
        private final Thread acceptor = new Thread(this::accept, "silent-host");

        SilentHost() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        void hold() {
            holding = true;
        }

        List<Socket> held() {
            return held;
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    if (holding) {
                        held.add(s);
                    } else {
                        s.close();
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : held) {
                s.close(); // the hung connect gets its end of file and fails
            }
        }
    }

    private HostStatus status(String host) {
        return pool.machines.hosts(ADMIN).stream().filter(h -> h.name().equals(host)).findFirst().orElseThrow();
    }
}
