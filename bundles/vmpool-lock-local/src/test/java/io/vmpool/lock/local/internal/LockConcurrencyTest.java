package io.vmpool.lock.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockMode;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LockConcurrencyTest extends LockTestSupport {

    @Test
    void noTwoThreadsHoldAnExclusiveLockAtOnce() throws Exception {
        LocalLockManager m = manager();
        int threadCount = 32;
        int rounds = 200;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Long> tokens = new ArrayList<>(); // appended only while holding the lock
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threadCount; t++) {
            String owner = "thread-" + t;
            done.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < rounds; i++) {
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
            f.get(60, TimeUnit.SECONDS);
        }

        assertThat(overlaps.get()).isZero();
        assertThat(tokens).hasSize(threadCount * rounds).isSorted().doesNotHaveDuplicates();
        assertThat(m.held()).isEmpty();
        m.sweep(); // idle states stay until the reaper's sweep
        assertThat(m.resourcesInUse()).isZero();
    }

    @Test
    void waitersAreServedInArrivalOrder() throws Exception {
        LocalLockManager m = manager();
        Lease first = exclusive(m, "r", "first");
        List<String> order = new CopyOnWriteArrayList<>();
        List<Future<?>> done = new ArrayList<>();
        String[][] queue = {{"a", "EXCLUSIVE"}, {"b", "SHARED"}, {"c", "EXCLUSIVE"}, {"d", "SHARED"}, {"e", "EXCLUSIVE"}};
        for (int i = 0; i < queue.length; i++) {
            String owner = queue[i][0];
            LockMode mode = LockMode.valueOf(queue[i][1]);
            done.add(threads.submit(() -> {
                try (Lease lease = m.acquire(request("r", mode, owner, LONG, TTL))) {
                    order.add(owner);
                }
                return null;
            }));
            int waiting = i + 1;
            await(owner + " waits", () -> m.waiting("r") == waiting);
        }

        first.close();
        for (Future<?> f : done) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(order).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void sharedRequestsDoNotOvertakeAWaitingExclusiveOne() throws Exception {
        LocalLockManager m = manager();
        Lease reader = shared(m, "r", "reader-1");
        Future<Lease> writer = threads.submit(() -> exclusive(m, "r", "writer"));
        await("the writer waits", () -> m.waiting("r") == 1);

        assertThatThrownBy(() -> m.acquire(request("r", LockMode.SHARED, "reader-2", Duration.ZERO, TTL)))
                .isInstanceOf(LockTimeoutException.class);
        Future<Lease> lateReader = threads.submit(() -> shared(m, "r", "reader-3"));
        await("the late reader queues", () -> m.waiting("r") == 2);

        reader.close();
        Lease w = writer.get(10, TimeUnit.SECONDS);
        assertThat(lateReader.isDone()).isFalse();
        assertThat(m.waiting("r")).isEqualTo(1);

        w.close();
        assertThat(lateReader.get(10, TimeUnit.SECONDS).token()).isGreaterThan(w.token());
    }

    @Test
    void consecutiveSharedWaitersAreGrantedTogether() throws Exception {
        LocalLockManager m = manager();
        Lease writer = exclusive(m, "r", "writer");
        List<Future<Lease>> readers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String owner = "reader-" + i;
            readers.add(threads.submit(() -> shared(m, "r", owner)));
        }
        await("5 readers wait", () -> m.waiting("r") == 5);

        writer.close();
        for (Future<Lease> r : readers) {
            assertThat(r.get(10, TimeUnit.SECONDS).isValid()).isTrue();
        }
        assertThat(m.held()).hasSize(5);
    }

    @Test
    void anInterruptedWaiterLeavesTheQueue() throws Exception {
        LocalLockManager m = manager();
        Lease holder = exclusive(m, "r", "holder");
        Thread[] waiterThread = new Thread[1];
        Future<Lease> waiter = threads.submit(() -> {
            waiterThread[0] = Thread.currentThread();
            return exclusive(m, "r", "waiter");
        });
        await("the waiter waits", () -> m.waiting("r") == 1);

        waiterThread[0].interrupt();

        assertThatThrownBy(() -> waiter.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InterruptedException.class);
        assertThat(m.waiting("r")).isZero();
        assertThat(m.locksOf("waiter")).isZero();
        holder.close();
        m.sweep(); // idle states stay until the reaper's sweep
        assertThat(m.resourcesInUse()).isZero();
    }

    @Test
    void aWaiterThatGivesUpLetsTheNextOneIn() throws Exception {
        LocalLockManager m = manager();
        Lease reader = shared(m, "r", "reader-1");
        Future<Lease> impatientWriter = threads.submit(() ->
                m.acquire(LockRequest.exclusive("r", "writer", Duration.ofMillis(300), TTL)));
        await("the writer waits", () -> m.waiting("r") == 1);
        Future<Lease> reader2 = threads.submit(() -> shared(m, "r", "reader-2"));
        await("reader-2 queues behind the writer", () -> m.waiting("r") == 2);

        assertThatThrownBy(() -> impatientWriter.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(LockTimeoutException.class);
        assertThat(reader2.get(10, TimeUnit.SECONDS).isValid()).isTrue();
        assertThat(reader.isValid()).isTrue();
    }
}
