package io.vmpool.lock.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.ConflictException;
import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockManager;
import io.vmpool.api.lock.LockMode;
import io.vmpool.api.lock.LockTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Mutual exclusion, shared holders and the one-hold-per-owner rule. */
public interface ExclusionCases extends ConformanceFixture {

    /** 32 threads (half of them on the peer node, if any) take one exclusive lock in turn: never two inside. */
    @Test
    default void anExclusiveLockHasOneHolderAmong32Threads() throws Exception {
        int threadCount = 32;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Long> tokens = Collections.synchronizedList(new ArrayList<>()); // appended while holding the lock
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threadCount; t++) {
            String owner = "op-" + t + ":thread";
            LockManager m = t % 2 == 0 ? manager() : peer();
            done.add(threads().submit(() -> {
                start.await();
                for (int i = 0; i < rounds(); i++) {
                    try (Lease lease = exclusive(m, "machine:web1", owner)) {
                        if (inside.incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        tokens.add(lease.token());
                        Thread.onSpinWait();
                        inside.decrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }

        assertThat(overlaps.get()).as("grants that overlapped another holder").isZero();
        assertThat(tokens).hasSize(threadCount * rounds()).isSorted().doesNotHaveDuplicates();
        await("no lock is listed as held", () -> manager().held().isEmpty());
    }

    @Test
    default void sharedHoldersShareAndKeepAnExclusiveRequestOut() throws Exception {
        Lease r1 = shared(manager(), "placement", "op-1:reader");
        Lease r2 = shared(peer(), "placement", "op-2:reader");

        assertThatThrownBy(() -> manager().acquire(tryOnce("placement", LockMode.EXCLUSIVE, "op-3:writer")))
                .isInstanceOf(LockTimeoutException.class)
                .hasMessageContaining("op-1:reader").hasMessageContaining("op-2:reader");

        r1.close();
        r2.close();
        // a release reaches other requests promptly, not necessarily before close() returns
        // (ZooKeeper deletes the lock node in the background): wait for it rather than try once
        Lease w = exclusive(manager(), "placement", "op-3:writer");
        assertThatThrownBy(() -> peer().acquire(tryOnce("placement", LockMode.SHARED, "op-4:reader")))
                .isInstanceOf(LockTimeoutException.class).hasMessageContaining("op-3:writer");
        w.close();
    }

    /** Asking again for a resource one holds, in any mode, is a ConflictException at once, never a wait. */
    @Test
    default void anOwnerAskingAgainForWhatItHoldsIsRefusedAtOnce() throws Exception {
        exclusive(manager(), "machine:web1", "op-1:alice");
        shared(manager(), "placement", "op-1:alice");
        long start = System.nanoTime();

        for (String resource : List.of("machine:web1", "placement")) {
            assertThatThrownBy(() -> exclusive(manager(), resource, "op-1:alice"))
                    .isInstanceOf(ConflictException.class).isNotInstanceOf(LockTimeoutException.class)
                    .hasMessageContaining("already held by the same owner");
            assertThatThrownBy(() -> shared(manager(), resource, "op-1:alice"))
                    .isInstanceOf(ConflictException.class).isNotInstanceOf(LockTimeoutException.class)
                    .hasMessageContaining("already held by the same owner");
        }
        assertThat(System.nanoTime() - start).as("refused without waiting (ns)").isLessThan(WAIT.toNanos() / 2);
        assertThat(manager().held()).hasSize(2);
    }
}
