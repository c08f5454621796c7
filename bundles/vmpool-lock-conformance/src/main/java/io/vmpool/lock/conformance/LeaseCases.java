package io.vmpool.lock.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LeaseLostException;
import io.vmpool.api.lock.LockManager;
import io.vmpool.api.lock.LockMode;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Leases: expiry, renew, release, fencing tokens. */
public interface LeaseCases extends ConformanceFixture {

    /** A holder that stops renewing lapses at its TTL; a waiter (on the other node) gets in; the lapse is counted. */
    @Test
    default void aLapsedLeaseLetsAWaiterIn() throws Exception {
        Lease forgotten = manager().acquire(LockRequest.exclusive("machine:web1", "op-1:crashed", Duration.ZERO,
                shortTtl()));

        Lease next = peer().acquire(LockRequest.exclusive("machine:web1", "op-2:next", WAIT, TTL));

        assertThat(next.token()).isGreaterThan(forgotten.token());
        assertThat(forgotten.isValid()).isFalse();
        await("the lapse is counted (by the holder's manager, or the waiter's)", () -> manager().stats().lapsed()
                + (peer() == manager() ? 0 : peer().stats().lapsed()) >= 1);
    }

    @Test
    default void renewExtendsTheLease() throws Exception {
        Lease lease = manager().acquire(LockRequest.exclusive("r", "op-1:a", Duration.ZERO, shortTtl()));
        Instant firstExpiry = lease.expiresAt();

        Lease renewed = manager().renew(lease, Duration.ofSeconds(60));

        assertThat(renewed.expiresAt()).isAfter(firstExpiry.plusSeconds(30));
        assertThat(manager().held()).singleElement().satisfies(
                info -> assertSameInstant(info.expiresAt(), renewed.expiresAt()));
        // waiting well past the first expiry, another owner still does not get in
        assertThatThrownBy(() -> peer().acquire(LockRequest.exclusive("r", "op-2:b", shortTtl().multipliedBy(3), TTL)))
                .isInstanceOf(LockTimeoutException.class).hasMessageContaining("op-1:a");
        assertThat(renewed.isValid()).isTrue();
    }

    @Test
    default void renewAfterTheLeaseLapsedThrowsLeaseLost() throws Exception {
        Lease lease = manager().acquire(LockRequest.exclusive("r", "op-1:a", Duration.ZERO, shortTtl()));
        await("the lease lapses", () -> !lease.isValid());

        assertThatThrownBy(() -> manager().renew(lease, TTL)).isInstanceOf(LeaseLostException.class)
                .hasMessageContaining("r");
        lease.close();
        manager().release(lease);
        assertThat(exclusive(manager(), "r", "op-2:b").isValid()).isTrue();
    }

    @Test
    default void renewAfterReleaseThrowsLeaseLost() throws Exception {
        Lease lease = exclusive(manager(), "r", "op-1:a");
        lease.close();

        assertThatThrownBy(() -> manager().renew(lease, TTL)).isInstanceOf(LeaseLostException.class);
    }

    @Test
    default void releaseAndCloseTwiceAreHarmless() throws Exception {
        Lease lease = exclusive(manager(), "r", "op-1:a");

        lease.close();
        lease.close();
        manager().release(lease);

        assertThat(lease.isValid()).isFalse();
        assertThat(manager().held()).isEmpty();
        assertThat(exclusive(peer(), "r", "op-2:b").isValid()).isTrue();
    }

    /** Across 1,000 grants in both modes (on both nodes, other resources in between) a resource's token only grows. */
    @Test
    default void theTokensOfAResourceOnlyGrowAcross1000Grants() throws Exception {
        long last = 0;
        for (int i = 0; i < 1_000; i++) {
            LockManager m = i % 4 < 2 ? manager() : peer();
            String owner = "op-" + i + ":u";
            Lease lease = m.acquire(new LockRequest("machine:web1", i % 2 == 0 ? LockMode.EXCLUSIVE : LockMode.SHARED,
                    owner, WAIT, TTL));
            assertThat(lease.token()).as("token of grant %d", i).isGreaterThan(last);
            last = lease.token();
            if (i % 3 == 0) {
                exclusive(m, "machine:other" + i, owner).close(); // other resources take tokens in between
            }
            lease.close();
        }
    }

    /** A lease that lapsed while a waiter queued is not renewed by its late holder: the waiter has it. */
    @Test
    default void aLateRenewOfALeaseAWaiterTookOverFails() throws Exception {
        Lease old = manager().acquire(LockRequest.exclusive("r", "op-1:slow", Duration.ZERO, shortTtl()));
        Future<Lease> waiter = threads().submit(() -> peer().acquire(LockRequest.exclusive("r", "op-2:next", WAIT, TTL)));
        Lease next = get(waiter);

        assertThatThrownBy(() -> manager().renew(old, TTL)).isInstanceOf(LeaseLostException.class);
        old.close(); // the old lease's release must not end the new one
        assertThat(next.isValid()).isTrue();
        assertThat(next.token()).isGreaterThan(old.token());
    }
}
