package io.vmpool.lock.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.ConflictException;
import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockInfo;
import io.vmpool.api.lock.LockMode;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LocalLockManagerTest extends LockTestSupport {

    @Test
    void anExclusiveLockIsGrantedAndListed() throws Exception {
        LocalLockManager m = manager();
        Instant before = Instant.now();
        Lease lease = exclusive(m, "machine:web1", "op-1");

        assertThat(lease.isValid()).isTrue();
        assertThat(lease.resource()).isEqualTo("machine:web1");
        assertThat(lease.owner()).isEqualTo("op-1");
        assertThat(lease.mode()).isEqualTo(LockMode.EXCLUSIVE);
        assertThat(lease.token()).isPositive();
        // a long lease is granted on the ticking clock, which lags by about a tick (more while its thread
        // waits for a core), and read off the monotonic clock from an anchor: never later than now
        assertThat(lease.acquiredAt()).isBetween(before.minusSeconds(1), Instant.now().plusMillis(1));
        assertThat(lease.expiresAt()).isAfter(lease.acquiredAt().plus(TTL).minusSeconds(1));

        assertThat(m.held()).containsExactly(new LockInfo("machine:web1", LockMode.EXCLUSIVE, "op-1", "test-node",
                lease.token(), lease.acquiredAt(), lease.expiresAt()));
    }

    @Test
    void releaseAndCloseAreHarmlessTwice() throws Exception {
        LocalLockManager m = manager();
        Lease lease = exclusive(m, "r", "a");

        lease.close();
        lease.close();
        m.release(lease);

        assertThat(lease.isValid()).isFalse();
        assertThat(m.held()).isEmpty();
        m.sweep(); // idle states stay until the reaper's sweep
        assertThat(m.resourcesInUse()).isZero();
        assertThat(exclusive(m, "r", "b").isValid()).isTrue();
    }

    @Test
    void sharedHoldersShareAndKeepExclusiveOut() throws Exception {
        LocalLockManager m = manager();
        Lease r1 = shared(m, "placement", "reader-1");
        Lease r2 = shared(m, "placement", "reader-2");

        assertThatThrownBy(() -> m.acquire(LockRequest.exclusive("placement", "writer", Duration.ZERO, TTL)))
                .isInstanceOf(LockTimeoutException.class)
                .hasMessageContaining("reader-1").hasMessageContaining("reader-2");

        r1.close();
        r2.close();
        Lease w = m.acquire(LockRequest.exclusive("placement", "writer", Duration.ZERO, TTL));
        assertThatThrownBy(() -> m.acquire(request("placement", LockMode.SHARED, "reader-3", Duration.ZERO, TTL)))
                .isInstanceOf(LockTimeoutException.class).hasMessageContaining("writer");
        w.close();
    }

    @Test
    void aTimedOutWaitNamesResourceHolderAndTime() throws Exception {
        LocalLockManager m = manager();
        exclusive(m, "machine:web1", "alice");
        long start = System.nanoTime();

        assertThatThrownBy(() -> m.acquire(LockRequest.exclusive("machine:web1", "bob", Duration.ofMillis(200), TTL)))
                .isInstanceOf(LockTimeoutException.class)
                .hasMessageContaining("machine:web1")
                .hasMessageContaining("'alice' (EXCLUSIVE")
                .hasMessageContaining("bob")
                .hasMessageMatching("(?s).*after waiting \\d{3,} ms \\(maxWait 200 ms\\).*");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(200);
        assertThat(m.waiting("machine:web1")).isZero();
        assertThat(m.locksOf("bob")).isZero();
    }

    @Test
    void zeroWaitTriesOnce() throws Exception {
        LocalLockManager m = manager();
        Lease first = m.acquire(LockRequest.exclusive("r", "a", Duration.ZERO, TTL));

        assertThatThrownBy(() -> m.acquire(LockRequest.exclusive("r", "b", Duration.ZERO, TTL)))
                .isInstanceOf(LockTimeoutException.class).hasMessageContaining("maxWait 0 ms").hasMessageContaining("'a'");
        assertThat(m.waiting("r")).isZero();
        first.close();
        assertThat(m.acquire(LockRequest.exclusive("r", "b", Duration.ZERO, TTL)).isValid()).isTrue();
    }

    @Test
    void tokensOfOneResourceOnlyGrow() throws Exception {
        LocalLockManager m = manager();
        long last = 0;
        for (int i = 0; i < 10_000; i++) {
            Lease lease = i % 2 == 0 ? exclusive(m, "machine:web1", "op-" + i) : shared(m, "machine:web1", "op-" + i);
            assertThat(lease.token()).isGreaterThan(last);
            last = lease.token();
            if (i % 3 == 0) {
                exclusive(m, "other-" + i, "x").close(); // other resources take tokens in between
            }
            lease.close();
            m.sweep(); // idle states stay until the reaper's sweep
            assertThat(m.resourcesInUse()).as("after the sweep an idle resource keeps no state").isZero();
        }
    }

    @Test
    void theSameOwnerAskingAgainIsRefusedAtOnce() throws Exception {
        LocalLockManager m = manager();
        exclusive(m, "machine:web1", "op-1");
        shared(m, "placement", "op-1");
        long start = System.nanoTime();

        assertThatThrownBy(() -> exclusive(m, "machine:web1", "op-1"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already held by the same owner");
        assertThatThrownBy(() -> shared(m, "machine:web1", "op-1"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already held by the same owner");
        assertThatThrownBy(() -> exclusive(m, "placement", "op-1"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already held by the same owner");
        assertThatThrownBy(() -> shared(m, "placement", "op-1"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already held by the same owner");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("refused without waiting").isLessThan(5_000);
        assertThat(m.locksOf("op-1")).isEqualTo(2);
    }

    @Test
    void blankNamesAreRefused() {
        LocalLockManager m = manager();
        assertThatThrownBy(() -> exclusive(m, " ", "a")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> exclusive(m, "r", "")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aLeaseOfAnotherManagerIsRefused() throws Exception {
        LocalLockManager one = manager();
        LocalLockManager two = manager();
        Lease lease = exclusive(one, "r", "a");

        assertThatThrownBy(() -> two.release(lease)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> two.renew(lease, TTL)).isInstanceOf(IllegalArgumentException.class);
        assertThat(lease.isValid()).isTrue();
    }

    @Test
    void aReconfigurationKeepsHeldLocks() throws Exception {
        LocalLockManager m = manager();
        Lease lease = exclusive(m, "r", "a");

        m.modified(TestConfig.of(LocalLockConfig.class, Map.of("maxLocksPerOwner", 5, "reaperIntervalMillis", 10L)));

        assertThat(lease.isValid()).isTrue();
        assertThat(m.held()).extracting(LockInfo::owner).containsExactly("a");
        assertThatThrownBy(() -> m.acquire(LockRequest.exclusive("r", "b", Duration.ZERO, TTL)))
                .isInstanceOf(LockTimeoutException.class);
    }

    @Test
    void anIdleResourceIsDroppedAtOnceWithoutAReaperAndAtTheSweepWithOne() throws Exception {
        LocalLockManager noReaper = manager(Map.of("reaperIntervalMillis", 0L));
        exclusive(noReaper, "machine:web1", "op-1").close();
        assertThat(noReaper.resourcesInUse()).isZero();

        LocalLockManager reaper = manager(Map.of("reaperIntervalMillis", 50L));
        Lease first = exclusive(reaper, "machine:web1", "op-1");
        first.close();
        Lease again = exclusive(reaper, "machine:web1", "op-2");
        assertThat(again.token()).isGreaterThan(first.token());
        again.close();
        await("the reaper's sweep drops the idle state", () -> reaper.resourcesInUse() == 0);

        exclusive(reaper, "machine:web2", "op-3").close();
        reaper.modified(TestConfig.of(LocalLockConfig.class, Map.of("reaperIntervalMillis", 0L)));
        assertThat(reaper.resourcesInUse()).as("turning the reaper off drops what it would have").isZero();
    }

    @Test
    void anInvalidConfigurationIsRefusedNamingTheField() {
        assertThatThrownBy(() -> manager(Map.of("maxLocksPerOwner", -1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLocksPerOwner").hasMessageContaining("io.vmpool.lock.local");
    }

    @Test
    void deactivateStopsTheReaper() {
        LocalLockManager m = manager(Map.of("reaperIntervalMillis", 10L));
        await("the reaper runs", () -> reaperThreads() > 0);

        stopEverything();
        m.deactivate();

        await("the reaper has stopped", () -> reaperThreads() == 0);
    }

    @Test
    void aWaiterIsGrantedWhenTheHolderReleases() throws Exception {
        LocalLockManager m = manager();
        Lease holder = exclusive(m, "r", "a");
        Future<Lease> waiter = threads.submit(() -> exclusive(m, "r", "b"));
        await("b waits", () -> m.waiting("r") == 1);

        holder.close();

        Lease b = waiter.get(10, TimeUnit.SECONDS);
        assertThat(b.owner()).isEqualTo("b");
        assertThat(b.token()).isGreaterThan(holder.token());
    }

    private static long reaperThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("vmpool-lock-local-reaper") && t.isAlive()).count();
    }
}
