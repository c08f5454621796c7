package io.vmpool.lock.zookeeper.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LeaseLostException;
import io.vmpool.api.lock.LockRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What a suspended, lost or cut-off ZooKeeper session does to leases and to work under them. */
class SessionLossTest extends ZooKeeperTestSupport {

    @Test
    void aStoppedServerEndsEveryLeaseAtOnceAndTellsTheHolder() throws Exception {
        ZooKeeperLockManager m = node(Map.of()).manager();
        Lease lease = exclusive(m, "machine:web1", "op-1:alice");
        AtomicReference<String> told = new AtomicReference<>();
        ((ZooKeeperLease) lease).whenLost(told::set);

        zk.server().stop();

        await("the lease is invalid", Duration.ofMillis(TestZooKeeper.SESSION_MILLIS), () -> !lease.isValid());
        await("the holder is told", WAIT, () -> told.get() != null);
        assertThat(told.get()).contains("suspended");
        assertThatThrownBy(() -> m.renew(lease, TTL)).isInstanceOf(LeaseLostException.class)
                .hasMessageContaining("machine:web1").hasMessageContaining("suspended");
        assertThat(m.stats().lapsed()).isEqualTo(1);
        assertThat(m.stats().held()).isZero();
        assertThat(m.sessionLosses()).isGreaterThanOrEqualTo(1);

        zk.server().restart();

        Lease next = m.acquire(LockRequest.exclusive("machine:web1", "op-2:bob", WAIT, TTL));
        assertThat(next.token()).isGreaterThan(lease.token());
        assertThat(m.held()).singleElement().satisfies(i -> assertThat(i.owner()).isEqualTo("op-2:bob"));
        lease.close(); // harmless, and does not end bob's lease
        assertThat(next.isValid()).isTrue();
    }

    /** The safety property: a cut-off holder's lease is invalid before another node can get the lock. */
    @Test
    void aCutOffHolderStopsBeforeAnotherNodeGetsIn() throws Exception {
        TestZooKeeper.Node a = node(Map.of());
        TestZooKeeper.Node b = peer(a);
        Lease held = exclusive(a.manager(), "placement", "op-1:cut-off");
        AtomicLong invalidAt = new AtomicLong();
        ((ZooKeeperLease) held).whenLost(reason -> invalidAt.set(System.nanoTime()));
        Future<Lease> waiter = threads.submit(() -> b.manager().acquire(
                LockRequest.exclusive("placement", "op-2:next", WAIT, TTL)));
        await("b waits", WAIT, () -> !b.manager().waiters().isEmpty());
        long cut = System.nanoTime();

        a.proxy().freeze();

        Lease next = waiter.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        long grantedAt = System.nanoTime();
        assertThat(invalidAt.get()).as("the holder learnt it lost the lock").isPositive();
        assertThat(invalidAt.get()).as("... before the other node got it").isLessThan(grantedAt);
        assertThat(held.isValid()).isFalse();
        assertThat(Duration.ofNanos(grantedAt - cut)).as("takeover within the session timeout + 1 s")
                .isLessThan(Duration.ofMillis(TestZooKeeper.SESSION_MILLIS + 1000));
        assertThat(next.token()).isGreaterThan(held.token());
    }

    @Test
    void aWaiterIsGivenUpWhenTheSessionIsSuspended() throws Exception {
        TestZooKeeper.Node a = node(Map.of());
        TestZooKeeper.Node b = peer(a);
        exclusive(b.manager(), "r", "op-1:holder");
        Future<Lease> waiter = threads.submit(() -> a.manager().acquire(LockRequest.exclusive("r", "op-2:w", WAIT, TTL)));
        await("a waits", WAIT, () -> a.manager().stats().waiting() == 1);

        a.proxy().freeze();

        // which the waiter hears first depends on timing: Curator's SUSPENDED, or the session
        // expiry its retries run into; either way it is given up with the connection named
        assertThatThrownBy(() -> waiter.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(io.vmpool.api.BackendException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("suspended", "lost the connection to ZooKeeper"));
        assertThat(a.manager().stats().waiting()).isZero();
    }
}
