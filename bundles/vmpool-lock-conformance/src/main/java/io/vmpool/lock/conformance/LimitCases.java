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

/** Limits: none by default; a configured one is an explicit error naming limit, value and PID. */
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
