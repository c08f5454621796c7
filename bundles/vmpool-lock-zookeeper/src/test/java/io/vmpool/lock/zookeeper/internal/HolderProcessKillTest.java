package io.vmpool.lock.zookeeper.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockRequest;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A holder whose process is killed (SIGKILL: no release, no session close) loses its lock when
 * ZooKeeper expires its session, and a waiter takes over within session timeout + 1 s.
 */
class HolderProcessKillTest extends ZooKeeperTestSupport {

    @Test
    void aKilledHoldersLockGoesToTheWaiterWithinTheSessionTimeoutPlusASecond() throws Exception {
        String namespace = "kill" + System.nanoTime();
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), zk.server().getConnectString(), namespace,
                String.valueOf(TestZooKeeper.SESSION_MILLIS), "machine:victim")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("HELD "));
            assertThat(line).as("the holder process took the lock").isNotNull();

            ZooKeeperLockManager waiter = node(Map.of("namespace", namespace)).manager();
            Future<Lease> takeover = threads.submit(() -> waiter.acquire(
                    LockRequest.exclusive("machine:victim", "survivor", Duration.ofSeconds(30), TTL)));
            await("the waiter to queue", WAIT, () -> waiter.waiters().stream().anyMatch(w -> w.owner().equals("survivor")));
            assertThat(takeover.isDone()).as("no takeover while the holder lives").isFalse();

            holder.destroyForcibly();
            long killed = System.nanoTime();
            holder.waitFor(10, TimeUnit.SECONDS);
            try (Lease lease = takeover.get(30, TimeUnit.SECONDS)) {
                Duration took = Duration.ofNanos(System.nanoTime() - killed);
                System.out.println("takeover " + took.toMillis() + " ms after SIGKILL (session timeout "
                        + TestZooKeeper.SESSION_MILLIS + " ms)");
                assertThat(lease.token()).isGreaterThan(Long.parseLong(line.substring(5).trim()));
                assertThat(took).isLessThanOrEqualTo(Duration.ofMillis(TestZooKeeper.SESSION_MILLIS + 1000));
            }
        } finally {
            holder.destroyForcibly();
        }
    }
}
