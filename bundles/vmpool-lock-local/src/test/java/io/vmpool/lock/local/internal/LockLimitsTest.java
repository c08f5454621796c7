package io.vmpool.lock.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.LimitExceededException;
import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LockLimitsTest extends LockTestSupport {

    @Test
    void anOwnerCannotPassMaxLocksPerOwner() throws Exception {
        LocalLockManager m = manager(Map.of("maxLocksPerOwner", 3));
        Lease first = exclusive(m, "r1", "op-1");
        exclusive(m, "r2", "op-1");
        exclusive(m, "r3", "op-1");

        assertThatThrownBy(() -> exclusive(m, "r4", "op-1"))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("maxLocksPerOwner");
                    assertThat(e.value()).isEqualTo(3);
                    assertThat(e.pid()).isEqualTo("io.vmpool.lock.local");
                })
                .hasMessageContaining("op-1").hasMessageContaining("maxLocksPerOwner=3")
                .hasMessageContaining("io.vmpool.lock.local");
        assertThat(exclusive(m, "r4", "op-2").isValid()).as("other owners are not affected").isTrue();

        first.close();
        assertThat(exclusive(m, "r4b", "op-1").isValid()).isTrue();
    }

    @Test
    void aFailedRequestGivesItsSlotBack() throws Exception {
        LocalLockManager m = manager(Map.of("maxLocksPerOwner", 1));
        exclusive(m, "r", "holder");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> m.acquire(LockRequest.exclusive("r", "op-1", Duration.ZERO, TTL)))
                    .isInstanceOf(LockTimeoutException.class);
        }
        assertThat(m.locksOf("op-1")).isZero();
        assertThat(exclusive(m, "other", "op-1").isValid()).isTrue();
    }

    @Test
    void noMoreThanMaxWaitersPerResourceWait() throws Exception {
        LocalLockManager m = manager(Map.of("maxWaitersPerResource", 2));
        Lease holder = exclusive(m, "r", "holder");
        Future<Lease> w1 = threads.submit(() -> exclusive(m, "r", "w1"));
        await("w1 waits", () -> m.waiting("r") == 1);
        Future<Lease> w2 = threads.submit(() -> exclusive(m, "r", "w2"));
        await("w2 waits", () -> m.waiting("r") == 2);

        assertThatThrownBy(() -> exclusive(m, "r", "w3"))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> assertThat(e.limit()).isEqualTo("maxWaitersPerResource"))
                .hasMessageContaining("'r'").hasMessageContaining("maxWaitersPerResource=2")
                .hasMessageContaining("io.vmpool.lock.local");
        assertThatThrownBy(() -> m.acquire(LockRequest.exclusive("r", "w4", Duration.ZERO, TTL)))
                .as("a request that does not wait is not a waiter").isInstanceOf(LockTimeoutException.class);
        assertThat(exclusive(m, "elsewhere", "w3").isValid()).as("other resources are not affected").isTrue();

        holder.close();
        w1.get(10, TimeUnit.SECONDS).close();
        w2.get(10, TimeUnit.SECONDS).close();
    }

    @Test
    void aNodeLimitSetLaterCountsTheLocksAlreadyHeld() throws Exception {
        LocalLockManager m = manager();
        exclusive(m, "r1", "op-1");
        Future<Lease> waiting = threads.submit(() -> exclusive(m, "r1", "op-2"));
        await("op-2 waits", () -> m.waiting("r1") == 1);

        m.modified(TestConfig.of(LocalLockConfig.class, Map.of("maxLocksPerNode", 2)));

        assertThatThrownBy(() -> exclusive(m, "r3", "op-3"))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> assertThat(e.limit()).isEqualTo("maxLocksPerNode"))
                .hasMessageContaining("node 'test-node' already holds or waits for 2 locks")
                .hasMessageContaining("maxLocksPerNode=2").hasMessageContaining("io.vmpool.lock.local");
        waiting.cancel(true);
        await("op-2 gave up", () -> m.locksOf("op-2") == 0);
        assertThat(exclusive(m, "r3", "op-3").isValid()).as("a waiter that left frees its slot").isTrue();
    }

    @Test
    void aDefaultLeaseLongerThanMaxTtlIsABadConfiguration() {
        assertThatThrownBy(() -> manager(Map.of("maxTtlSeconds", 30L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("defaultTtlSeconds (60) must not pass maxTtlSeconds (30) (fix it in io.vmpool.lock.local)");
        assertThat(manager(Map.of("maxTtlSeconds", 30L, "defaultTtlSeconds", 30L)).held()).isEmpty();
    }

    @Test
    void thereIsNoLimitByDefault() throws Exception {
        LocalLockManager m = manager();
        int count = 100_000;
        List<Lease> leases = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            leases.add(m.acquire(LockRequest.exclusive("disk:" + i, "one-owner", Duration.ZERO, TTL)));
        }

        assertThat(m.held()).hasSize(count);
        assertThat(m.locksOf("one-owner")).isEqualTo(count);

        leases.forEach(Lease::close);
        assertThat(m.held()).isEmpty();
        m.sweep(); // idle states stay until the reaper's sweep
        assertThat(m.resourcesInUse()).isZero();
        assertThat(m.locksOf("one-owner")).isZero();
    }

    @Test
    void manyWaitersOnOneResourceByDefault() throws Exception {
        LocalLockManager m = manager();
        Lease holder = exclusive(m, "r", "holder");
        List<Future<Lease>> waiters = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String owner = "w" + i;
            waiters.add(threads.submit(() -> {
                Lease l = shared(m, "r", owner);
                return l;
            }));
        }
        await("50 wait", () -> m.waiting("r") == 50);
        holder.close();
        for (Future<Lease> w : waiters) {
            assertThat(w.get(10, TimeUnit.SECONDS).isValid()).isTrue();
        }
    }
}
