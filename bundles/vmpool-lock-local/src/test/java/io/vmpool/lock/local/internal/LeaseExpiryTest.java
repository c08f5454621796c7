package io.vmpool.lock.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LeaseLostException;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LeaseExpiryTest extends LockTestSupport {
    private static final Duration SHORT = Duration.ofMillis(200);

    @ParameterizedTest(name = "reaper every {0} ms")
    @ValueSource(longs = {0, 20})
    void aLapsedLeaseLetsTheWaiterIn(long reaperMillis) throws Exception {
        LocalLockManager m = manager(Map.of("reaperIntervalMillis", reaperMillis));
        Lease forgotten = m.acquire(LockRequest.exclusive("r", "crashed", Duration.ZERO, SHORT));
        long start = System.nanoTime();

        Future<Lease> waiter = threads.submit(() -> m.acquire(LockRequest.exclusive("r", "next", Duration.ofSeconds(10), TTL)));

        Lease next = waiter.get(10, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
        assertThat(next.token()).isGreaterThan(forgotten.token());
        assertThat(forgotten.isValid()).isFalse();
        assertThat(m.locksOf("crashed")).isZero();
    }

    @Test
    void theReaperReleasesLapsedLeasesNobodyAsksFor() throws Exception {
        LocalLockManager m = manager(Map.of("reaperIntervalMillis", 20L));
        m.acquire(LockRequest.exclusive("r", "crashed", Duration.ZERO, SHORT));

        await("the reaper drops the lapsed lease", () -> m.resourcesInUse() == 0);
        assertThat(m.locksOf("crashed")).isZero();
    }

    @Test
    void heldDoesNotListLapsedLeases() throws Exception {
        LocalLockManager m = manager(Map.of("reaperIntervalMillis", 0L));
        Lease lease = m.acquire(LockRequest.exclusive("r", "crashed", Duration.ZERO, SHORT));

        await("the lease lapses", () -> !lease.isValid());
        assertThat(m.held()).isEmpty();
    }

    @Test
    void renewExtendsTheLease() throws Exception {
        LocalLockManager m = manager();
        Lease lease = m.acquire(LockRequest.exclusive("r", "a", Duration.ZERO, Duration.ofMillis(300)));
        Instant firstExpiry = lease.expiresAt();

        Lease renewed = m.renew(lease, Duration.ofSeconds(30));

        assertThat(renewed.expiresAt()).isAfter(firstExpiry.plusSeconds(20));
        assertThat(m.held().get(0).expiresAt()).isEqualTo(renewed.expiresAt());
        // waiting well past the first expiry, another owner still does not get in
        assertThatThrownBy(() -> m.acquire(LockRequest.exclusive("r", "b", Duration.ofMillis(700), TTL)))
                .isInstanceOf(LockTimeoutException.class).hasMessageContaining("'a'");
        assertThat(lease.isValid()).isTrue();
    }

    @Test
    void renewWithoutATimeUsesTheDefault() throws Exception {
        LocalLockManager m = manager(Map.of("defaultTtlSeconds", 3600L));
        Lease lease = m.acquire(LockRequest.exclusive("r", "a", Duration.ZERO, SHORT));

        m.renew(lease, null);

        assertThat(lease.expiresAt()).isAfter(Instant.now().plusSeconds(3500));
    }

    @Test
    void renewAfterTheLeaseLapsedFails() throws Exception {
        LocalLockManager m = manager(Map.of("reaperIntervalMillis", 0L));
        Lease lease = m.acquire(LockRequest.exclusive("r", "a", Duration.ZERO, Duration.ofMillis(100)));
        await("the lease lapses", () -> !lease.isValid());

        assertThatThrownBy(() -> m.renew(lease, TTL)).isInstanceOf(LeaseLostException.class)
                .hasMessageContaining("'r'").hasMessageContaining("lapsed");
        lease.close();
        m.release(lease);
        assertThat(m.resourcesInUse()).isZero();
    }

    @Test
    void renewAfterReleaseFails() throws Exception {
        LocalLockManager m = manager();
        Lease lease = exclusive(m, "r", "a");
        lease.close();

        assertThatThrownBy(() -> m.renew(lease, TTL)).isInstanceOf(LeaseLostException.class)
                .hasMessageContaining("was released");
    }

    @Test
    void aLapsedHolderDoesNotBlockItsOwnNextRequest() throws Exception {
        LocalLockManager m = manager(Map.of("reaperIntervalMillis", 0L));
        Lease old = m.acquire(LockRequest.exclusive("r", "a", Duration.ZERO, Duration.ofMillis(100)));
        await("the lease lapses", () -> !old.isValid());

        Lease again = m.acquire(LockRequest.exclusive("r", "a", Duration.ZERO, TTL));
        assertThat(again.token()).isGreaterThan(old.token());
        old.close(); // the old lease's release must not end the new one
        assertThat(again.isValid()).isTrue();
    }
}
