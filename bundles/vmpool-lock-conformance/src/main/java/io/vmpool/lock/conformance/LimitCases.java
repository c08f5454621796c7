package io.vmpool.lock.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.LimitExceededException;
import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockManager;
import io.vmpool.api.lock.LockMode;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Limits: none by default; a configured one (locks per owner and per node, waiters per resource, longest
 * lease, longest wait) is an explicit error naming limit, value and PID.
 */
public interface LimitCases extends ConformanceFixture {

    @Test
    default void aLocksPerOwnerLimitIsAnExplicitError() throws Exception {
        require(Feature.LOCKS_PER_OWNER_LIMIT);
        LockManager m = managerWith(Limit.LOCKS_PER_OWNER, 3);
        Lease first = exclusive(m, "volume:1", "op-1:alice");
        exclusive(m, "volume:2", "op-1:alice");
        exclusive(m, "volume:3", "op-1:alice");

        assertThatThrownBy(() -> exclusive(m, "volume:4", "op-1:alice"))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertLimit(e, 3))
                .hasMessageContaining("op-1:alice");
        assertThat(exclusive(m, "volume:4", "op-2:bob").isValid()).as("other owners are not affected").isTrue();

        first.close();
        assertThat(exclusive(m, "volume:5", "op-1:alice").isValid()).as("a released slot is free again").isTrue();
    }

    @Test
    default void aWaitersPerResourceLimitIsAnExplicitError() throws Exception {
        require(Feature.WAITERS_PER_RESOURCE_LIMIT);
        LockManager m = managerWith(Limit.WAITERS_PER_RESOURCE, 2);
        Lease holder = exclusive(m, "r", "op-0:holder");
        Future<Lease> w1 = queue(m, LockRequest.exclusive("r", "op-1:w", WAIT, TTL));
        Future<Lease> w2 = queue(m, LockRequest.exclusive("r", "op-2:w", WAIT, TTL));

        assertThatThrownBy(() -> exclusive(m, "r", "op-3:w"))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertLimit(e, 2))
                .hasMessageContaining("r");
        assertThatThrownBy(() -> m.acquire(new LockRequest("r", LockMode.EXCLUSIVE, "op-4:w", Duration.ZERO, TTL)))
                .as("a request that does not wait is not a waiter").isInstanceOf(LockTimeoutException.class);
        assertThat(exclusive(m, "elsewhere", "op-3:w").isValid()).as("other resources are not affected").isTrue();

        holder.close();
        get(w1).close();
        get(w2).close();
    }

    /** Held and waiting locks of every owner count against the node's limit; a zero-wait request too. */
    @Test
    default void aLocksPerNodeLimitIsAnExplicitError() throws Exception {
        require(Feature.LOCKS_PER_NODE_LIMIT);
        LockManager m = managerWith(Limit.LOCKS_PER_NODE, 3);
        Lease alice = exclusive(m, "volume:1", "op-1:alice");
        Lease bob = exclusive(m, "volume:2", "op-2:bob");
        Future<Lease> carol = queue(m, LockRequest.exclusive("volume:1", "op-3:carol", WAIT, TTL));

        assertThatThrownBy(() -> exclusive(m, "volume:3", "op-4:dave")).as("two held and one waiting fill it")
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertLimit(e, 3));
        assertThatThrownBy(() -> m.acquire(tryOnce("volume:3", LockMode.SHARED, "op-5:erin")))
                .as("a request that does not wait would still hold").isInstanceOf(LimitExceededException.class);

        alice.close();
        Lease carols = get(carol);
        assertThat(exclusive(m, "volume:3", "op-4:dave").isValid()).as("a released slot is free again").isTrue();
        assertThat(m.held()).hasSize(3);
        bob.close();
        carols.close();
    }

    /** A lease longer than the limit is refused, on acquire and on renew, and the refusal changes nothing. */
    @Test
    default void aMaxTtlLimitIsAnExplicitError() throws Exception {
        require(Feature.TTL_LIMIT);
        int max = (int) TTL.toSeconds();
        LockManager m = managerWith(Limit.MAX_TTL_SECONDS, max);
        Duration tooLong = TTL.plusSeconds(1);

        assertThatThrownBy(() -> m.acquire(LockRequest.exclusive("machine:a", "op-1:alice", WAIT, tooLong)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertLimit(e, max))
                .hasMessageContaining("machine:a");
        assertThat(m.held()).as("a refused request holds nothing").isEmpty();

        Lease lease = exclusive(m, "machine:a", "op-1:alice");
        assertThatThrownBy(() -> m.renew(lease, tooLong)).as("nor may a renew ask for more")
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertLimit(e, max));
        assertThat(lease.isValid()).as("a refused renew leaves the lease as it was").isTrue();
        m.renew(lease, TTL);
        lease.close();
    }

    /** A request asking to wait longer than the limit is refused before it waits; shorter waits wait as usual. */
    @Test
    default void aMaxWaitLimitIsAnExplicitError() throws Exception {
        require(Feature.WAIT_LIMIT);
        int max = (int) WAIT.toSeconds();
        LockManager m = managerWith(Limit.MAX_WAIT_SECONDS, max);
        Lease holder = exclusive(m, "machine:a", "op-0:holder");

        long start = System.nanoTime();
        assertThatThrownBy(() -> m.acquire(LockRequest.exclusive("machine:a", "op-1:alice", WAIT.plusSeconds(1), TTL)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertLimit(e, max))
                .hasMessageContaining("op-1:alice").hasMessageContaining("machine:a");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused before it waits")
                .isLessThan(WAIT.dividedBy(2));
        assertThat(waiter(m, "op-1:alice")).as("and not left waiting").isNull();

        Future<Lease> carol = queue(m, LockRequest.exclusive("machine:a", "op-2:carol", WAIT, TTL));
        holder.close();
        get(carol).close();
    }

    /** With no limit set, a lease and a wait of ten years are fine (only memory bounds the lock layer). */
    @Test
    default void longLeasesAndWaitsAreAllowedByDefault() throws Exception {
        Duration decade = Duration.ofDays(3650);
        Lease lease = manager().acquire(new LockRequest("machine:a", LockMode.EXCLUSIVE, "op-1:alice", decade, decade));

        assertThat(lease.isValid()).isTrue();
        assertThat(manager().renew(lease, decade).isValid()).isTrue();
        lease.close();
    }

    /** No limit but memory by default: one owner holds {@link #manyLocks()} locks (20,000 unless the backend says). */
    @Test
    default void thereIsNoLimitByDefault() throws Exception {
        int count = manyLocks();
        List<Lease> leases = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            leases.add(manager().acquire(new LockRequest("volume:" + i, LockMode.EXCLUSIVE, "op-1:one-owner",
                    Duration.ZERO, TTL)));
        }

        assertThat(manager().held()).hasSize(count);
        assertThat(manager().stats().held()).isEqualTo(count);

        leases.forEach(Lease::close);
        assertThat(manager().held()).isEmpty();
    }

    private void assertLimit(LimitExceededException e, int value) {
        assertThat(e.limit()).as("the limit's name").isNotBlank();
        assertThat(e.value()).isEqualTo(value);
        assertThat(e.pid()).isEqualTo(pid());
        assertThat(e.getMessage()).contains(e.limit(), String.valueOf(value), pid());
    }
}
