package io.vmpool.lock.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LeaseLostException;
import io.vmpool.api.lock.LockInfo;
import io.vmpool.api.lock.LockManager;
import io.vmpool.api.lock.LockMode;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockTimeoutException;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Several nodes, and holders that die. */
public interface NodeCases extends ConformanceFixture {

    /** A lock held on one node keeps the other node out, and both list it with the holder's node. */
    @Test
    default void aLockHeldOnOneNodeExcludesTheOther() throws Exception {
        require(Feature.SECOND_NODE);
        Lease lease = exclusive(manager(), "machine:web1", "op-1:alice");

        assertThatThrownBy(() -> peer().acquire(tryOnce("machine:web1", LockMode.SHARED, "op-2:bob")))
                .isInstanceOf(LockTimeoutException.class).hasMessageContaining("op-1:alice");
        LockInfo here = manager().held().get(0);
        await("the other node lists the lock", () -> peer().held().stream()
                .anyMatch(i -> i.owner().equals("op-1:alice") && i.token() == lease.token()));
        assertThat(peer().held()).filteredOn(i -> i.owner().equals("op-1:alice"))
                .singleElement().extracting(LockInfo::node).isEqualTo(here.node());
    }

    /**
     * A holder dies without releasing (the backend's {@code killHolder}): a waiter, on the other node if
     * there is one, gets in within {@link #holderDeathTimeout()}; the dead holder's lease is lost.
     */
    @Test
    default void theLeasesOfAHolderThatDiedAreReleased() throws Exception {
        require(Feature.HOLDER_DEATH);
        LockManager holderSide = manager();
        LockManager waiterSide = peer();
        Lease doomed = exclusive(holderSide, "machine:web1", "op-1:doomed");
        Future<Lease> waiter = queue(waiterSide, LockRequest.exclusive("machine:web1", "op-2:survivor",
                holderDeathTimeout().plus(WAIT), TTL));

        holderDies(holderSide, doomed);

        Lease next = get(waiter, holderDeathTimeout().plus(WAIT));
        assertThat(next.token()).isGreaterThan(doomed.token());
        await("the dead holder's lease is invalid", holderDeathTimeout(), () -> !doomed.isValid());
        if (holderSide == waiterSide) {
            assertThatThrownBy(() -> holderSide.renew(doomed, TTL)).isInstanceOf(LeaseLostException.class);
        }
    }
}
