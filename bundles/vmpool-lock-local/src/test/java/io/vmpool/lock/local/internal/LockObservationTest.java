package io.vmpool.lock.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LeaseLostException;
import io.vmpool.api.lock.LockInfo;
import io.vmpool.api.lock.LockMode;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockStats;
import io.vmpool.api.lock.LockWaiter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LockObservationTest extends LockTestSupport {

    @Test
    void theBackendIsCalledLocal() {
        assertThat(manager().backend()).isEqualTo("local");
    }

    /** Each waiter lists the holders it cannot share with and the grant group just ahead of it. */
    @Test
    void waitersListWhomTheyWaitFor() throws Exception {
        LocalLockManager m = manager();
        shared(m, "r", "h1");
        shared(m, "r", "h2");
        Future<Lease> x1 = threads.submit(() -> exclusive(m, "r", "x1"));
        await("x1 waits", () -> m.waiting("r") == 1);
        Future<Lease> s1 = threads.submit(() -> shared(m, "r", "s1"));
        await("s1 waits", () -> m.waiting("r") == 2);
        Future<Lease> s2 = threads.submit(() -> shared(m, "r", "s2"));
        await("s2 waits", () -> m.waiting("r") == 3);
        Future<Lease> x2 = threads.submit(() -> exclusive(m, "r", "x2"));
        await("x2 waits", () -> m.waiting("r") == 4);

        List<LockWaiter> waiters = m.waiters();

        assertThat(waiters).extracting(LockWaiter::owner).containsExactly("x1", "s1", "s2", "x2");
        assertThat(waiters).allSatisfy(w -> assertThat(w.node()).isEqualTo("test-node"));
        assertThat(waiters.get(0).waitingFor()).containsExactly("h1", "h2");
        assertThat(waiters.get(1).waitingFor()).as("shared holders are no obstacle, x1 is").containsExactly("x1");
        assertThat(waiters.get(2).waitingFor()).containsExactly("x1");
        assertThat(waiters.get(3).waitingFor()).containsExactly("h1", "h2", "s1", "s2");
        assertThat(waiters.get(3).mode()).isEqualTo(LockMode.EXCLUSIVE);
        assertThat(m.stats().waiting()).isEqualTo(4);
        assertThat(List.of(x1, s1, s2, x2)).noneMatch(Future::isDone);
    }

    @Test
    void statsMeasureWaitsAndHolds() throws Exception {
        LocalLockManager m = manager(Map.of("reaperIntervalMillis", 0L));
        Lease a = exclusive(m, "r", "a");
        Future<Lease> b = threads.submit(() -> exclusive(m, "r", "b"));
        await("b waits", () -> m.stats().waiting() == 1);
        long waitStart = System.nanoTime();
        await("some time passes while b waits", () -> System.nanoTime() - waitStart > 50_000_000L);
        a.close();
        b.get(10, TimeUnit.SECONDS).close();
        Lease lapsing = m.acquire(LockRequest.exclusive("s", "c", Duration.ZERO, Duration.ofMillis(50)));
        await("c's lease lapses", () -> !lapsing.isValid());
        assertThat(m.held()).isEmpty(); // listing drops the lapsed lease

        LockStats s = m.stats();
        assertThat(s.granted()).isEqualTo(3);
        assertThat(s.held()).isZero();
        assertThat(s.waiting()).isZero();
        assertThat(s.lapsed()).isEqualTo(1);
        assertThat(s.maxWait()).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(s.meanWait()).isLessThan(s.maxWait()); // two grants did not wait
        assertThat(s.maxHold()).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(s.meanHold()).isPositive().isLessThanOrEqualTo(s.maxHold());
    }

    @Test
    void aLapsedLeaseIsReportedWithItsHolder() throws Exception {
        LocalLockManager m = manager(Map.of("reaperIntervalMillis", 0L));
        Lease lease = m.acquire(LockRequest.exclusive("machine:web1", "op-3:carol", Duration.ZERO,
                Duration.ofMillis(50)));
        await("the lease lapses", () -> !lease.isValid());

        String log = stderrOf(m::held);

        assertThat(log).contains("WARN").contains("'machine:web1'").contains("'op-3:carol'")
                .contains("token " + lease.token()).containsPattern("released \\d+ ms past its TTL");
        assertThat(m.stats().lapsed()).isEqualTo(1);
    }

    @Test
    void forceReleaseEndsEveryLeaseAndSaysWhoHeldThem() throws Exception {
        LocalLockManager m = manager();
        Lease r1 = shared(m, "machine:stuck", "op-1:a");
        Lease r2 = shared(m, "machine:stuck", "op-2:b");
        Lease other = exclusive(m, "machine:fine", "op-1:a");
        Future<Lease> writer = threads.submit(() -> exclusive(m, "machine:stuck", "op-3:c"));
        await("the writer waits", () -> m.waiting("machine:stuck") == 1);

        int[] released = new int[1];
        String log = stderrOf(() -> released[0] = m.forceRelease("machine:stuck"));

        assertThat(released[0]).isEqualTo(2);
        assertThat(log).contains("WARN").contains("force-released 2 lease(s) on 'machine:stuck'")
                .contains("'op-1:a'").contains("'op-2:b'");
        assertThat(writer.get(10, TimeUnit.SECONDS).isValid()).isTrue();
        assertThat(r1.isValid()).isFalse();
        assertThatThrownBy(() -> m.renew(r2, TTL)).isInstanceOf(LeaseLostException.class)
                .hasMessageContaining("force-released");
        assertThat(other.isValid()).isTrue();
        assertThat(m.locksOf("op-2:b")).isZero();
        assertThat(m.forceRelease("machine:unknown")).isZero();
    }

    @Test
    void anOwnerThatIsGoneLosesEveryLease() throws Exception {
        LocalLockManager m = manager();
        Lease a = exclusive(m, "x", "op-1:gone");
        Lease b = shared(m, "y", "op-1:gone");
        Lease keep = shared(m, "y", "op-2:alive");

        assertThat(m.ownerGone("op-1:gone")).isEqualTo(2);

        assertThat(a.isValid()).isFalse();
        assertThat(b.isValid()).isFalse();
        assertThat(keep.isValid()).isTrue();
        assertThat(m.held()).extracting(LockInfo::owner).containsExactly("op-2:alive");
        assertThat(m.locksOf("op-1:gone")).isZero();
    }

    /** Runs {@code action} and returns what was logged meanwhile (slf4j-simple writes to System.err). */
    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
