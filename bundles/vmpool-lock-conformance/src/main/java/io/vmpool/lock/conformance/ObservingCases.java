package io.vmpool.lock.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LeaseLostException;
import io.vmpool.api.lock.LockInfo;
import io.vmpool.api.lock.LockMode;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockStats;
import io.vmpool.api.lock.LockTimeoutException;
import io.vmpool.api.lock.LockWaiter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What an administrator sees and does: held(), waiters(), stats(), backend(), forceRelease(). */
public interface ObservingCases extends ConformanceFixture {

    @Test
    default void heldListsEveryHolder() throws Exception {
        Instant before = Instant.now();
        Lease lease = exclusive(manager(), "machine:web1", "op-1:alice");

        assertThat(manager().held()).singleElement().satisfies(info -> {
            assertThat(info.resource()).isEqualTo("machine:web1");
            assertThat(info.mode()).isEqualTo(LockMode.EXCLUSIVE);
            assertThat(info.owner()).isEqualTo("op-1:alice");
            assertThat(info.node()).isNotBlank();
            assertThat(info.token()).isEqualTo(lease.token());
            assertThat(info.since()).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
            assertSameInstant(info.expiresAt(), lease.expiresAt());
        });
    }

    /** waiters() says who waits for what, since when, and for whom: holders and queued exclusive requests ahead. */
    @Test
    default void waitersShowWhoWaitsForWhom() throws Exception {
        Instant before = Instant.now();
        Lease alice = exclusive(manager(), "machine:web1", "op-1:alice");
        Future<Lease> bob = queue(manager(), LockRequest.exclusive("machine:web1", "op-2:bob", WAIT, TTL));
        Future<Lease> carol = queue(manager(), new LockRequest("machine:web1", LockMode.SHARED, "op-3:carol", WAIT, TTL));

        LockWaiter b = waiter(manager(), "op-2:bob");
        assertThat(b.resource()).isEqualTo("machine:web1");
        assertThat(b.mode()).isEqualTo(LockMode.EXCLUSIVE);
        assertThat(b.node()).isNotBlank();
        assertThat(b.since()).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(b.waitingFor()).containsExactly("op-1:alice");
        LockWaiter c = waiter(manager(), "op-3:carol");
        assertThat(c.mode()).isEqualTo(LockMode.SHARED);
        assertThat(c.waitingFor()).as("the holder and the exclusive request queued ahead")
                .containsExactlyInAnyOrder("op-1:alice", "op-2:bob");

        alice.close();
        Lease bobs = get(bob);
        await("carol waits for bob only", () -> waiter(manager(), "op-3:carol") != null
                && waiter(manager(), "op-3:carol").waitingFor().equals(List.of("op-2:bob")));
        bobs.close();
        get(carol);
        assertThat(manager().waiters()).isEmpty();
    }

    /** stats() counts what happened; a fresh manager starts at zero. */
    @Test
    default void statsCountWhatHappened() throws Exception {
        LockStats zero = manager().stats();
        assertThat(zero.held()).isZero();
        assertThat(zero.waiting()).isZero();
        assertThat(zero.granted()).isZero();
        long start = System.nanoTime();

        Lease a = exclusive(manager(), "r", "op-1:a");
        Lease b = shared(manager(), "s", "op-2:b");
        assertThat(manager().stats().held()).isEqualTo(2);
        assertThat(manager().stats().granted()).isEqualTo(2);

        assertThatThrownBy(() -> manager().acquire(tryOnce("r", LockMode.EXCLUSIVE, "op-3:c")))
                .isInstanceOf(LockTimeoutException.class);
        assertThat(manager().stats().timedOut()).isEqualTo(1);

        Future<Lease> waiter = queue(manager(), LockRequest.exclusive("r", "op-4:d", WAIT, TTL));
        await("one request is counted as waiting", () -> manager().stats().waiting() == 1);
        a.close();
        get(waiter).close();
        b.close();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start).plus(statsClockSlack());

        LockStats s = manager().stats();
        assertThat(s.held()).isZero();
        assertThat(s.waiting()).isZero();
        assertThat(s.granted()).isEqualTo(3);
        assertThat(s.timedOut()).isEqualTo(1);
        assertThat(s.lapsed()).isZero();
        assertThat(s.deadlocks()).isZero();
        assertThat(s.maxWait()).isPositive().isLessThanOrEqualTo(elapsed).isGreaterThanOrEqualTo(s.meanWait());
        assertThat(s.maxHold()).isPositive().isLessThanOrEqualTo(elapsed).isGreaterThanOrEqualTo(s.meanHold());
        assertThat(s.meanHold()).isPositive();
    }

    @Test
    default void theBackendHasAShortName() {
        assertThat(manager().backend()).matches("[a-z][a-z0-9-]*");
    }

    /** forceRelease ends every lease on the resource, whoever holds it; a waiter gets in; renew says it is lost. */
    @Test
    default void forceReleaseEndsEveryLeaseOnTheResource() throws Exception {
        Lease r1 = shared(manager(), "machine:stuck", "op-1:reader");
        Lease r2 = shared(peer(), "machine:stuck", "op-2:reader");
        Lease elsewhere = exclusive(manager(), "machine:other", "op-1:reader");
        Future<Lease> writer = queue(manager(), LockRequest.exclusive("machine:stuck", "op-3:writer", WAIT, TTL));

        assertThat(manager().forceRelease("machine:stuck")).isEqualTo(2);

        assertThat(get(writer).isValid()).isTrue();
        await("the forced-out leases are invalid", () -> !r1.isValid() && !r2.isValid());
        assertThatThrownBy(() -> manager().renew(r1, TTL)).isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> peer().renew(r2, TTL)).isInstanceOf(LeaseLostException.class);
        r1.close(); // harmless
        assertThat(elsewhere.isValid()).as("other resources are not touched").isTrue();
        assertThat(manager().held()).extracting(LockInfo::owner).containsExactlyInAnyOrder("op-1:reader", "op-3:writer");
        assertThat(manager().forceRelease("machine:nobody-holds")).isZero();
    }
}
