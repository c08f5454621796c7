package io.vmpool.lock.conformance;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Waiting: timeouts that name the holder, zero wait, FIFO fairness, interrupts. */
public interface WaitingCases extends ConformanceFixture {

    @Test
    default void aTimeoutNamesTheResourceTheHolderAndHowLongItWaited() throws Exception {
        exclusive(manager(), "machine:web1", "op-1:alice");
        Duration maxWait = Duration.ofMillis(300);
        long start = System.nanoTime();

        assertThatThrownBy(() -> peer().acquire(LockRequest.exclusive("machine:web1", "op-2:bob", maxWait, TTL)))
                .isInstanceOf(LockTimeoutException.class)
                .hasMessageContaining("machine:web1")
                .hasMessageContaining("op-1:alice")
                .hasMessageMatching("(?s).*\\d+ ?ms.*");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(maxWait);
        assertThat(peer().waiters()).as("a request that gave up no longer waits").isEmpty();
    }

    @Test
    default void zeroWaitTriesOnceAndNeverQueues() throws Exception {
        Lease first = exclusive(manager(), "machine:web1", "op-1:alice");
        long start = System.nanoTime();

        assertThatThrownBy(() -> peer().acquire(tryOnce("machine:web1", LockMode.EXCLUSIVE, "op-2:bob")))
                .isInstanceOf(LockTimeoutException.class).hasMessageContaining("op-1:alice");
        assertThat(System.nanoTime() - start).as("answered without waiting (ns)").isLessThan(WAIT.toNanos() / 2);
        assertThat(peer().waiters()).isEmpty();

        first.close();
        // the release reaches others promptly, not necessarily before close() returns
        Lease[] got = new Lease[1];
        await("a zero-wait request to get machine:web1 after op-1 let go", () -> {
            try {
                got[0] = peer().acquire(tryOnce("machine:web1", LockMode.EXCLUSIVE, "op-2:bob"));
                return true;
            } catch (LockTimeoutException stillHeld) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        });
        assertThat(got[0].isValid()).isTrue();
    }

    @Test
    default void aWaiterIsGrantedWhenTheHolderReleases() throws Exception {
        Lease holder = exclusive(manager(), "machine:web1", "op-1:alice");
        Future<Lease> waiter = queue(peer(), LockRequest.exclusive("machine:web1", "op-2:bob", WAIT, TTL));

        holder.close();

        Lease bob = get(waiter);
        assertThat(bob.owner()).isEqualTo("op-2:bob");
        assertThat(bob.token()).isGreaterThan(holder.token());
    }

    /** Waiters are served in arrival order, whatever their modes. */
    @Test
    default void waitersAreServedFirstComeFirstServed() throws Exception {
        Lease first = exclusive(manager(), "r", "op-0:first");
        List<String> order = new CopyOnWriteArrayList<>();
        List<Future<Lease>> done = new ArrayList<>();
        String[][] arrivals = {{"op-1:a", "EXCLUSIVE"}, {"op-2:b", "SHARED"}, {"op-3:c", "EXCLUSIVE"},
            {"op-4:d", "SHARED"}, {"op-5:e", "EXCLUSIVE"}};
        for (String[] arrival : arrivals) {
            String owner = arrival[0];
            LockMode mode = LockMode.valueOf(arrival[1]);
            Future<Lease> f = threads().submit(() -> {
                try (Lease lease = manager().acquire(new LockRequest("r", mode, owner, WAIT, TTL))) {
                    order.add(owner);
                    return lease;
                }
            });
            await(owner + " waits", () -> waiter(manager(), owner) != null);
            done.add(f);
        }

        first.close();
        for (Future<Lease> f : done) {
            get(f);
        }
        assertThat(order).containsExactly("op-1:a", "op-2:b", "op-3:c", "op-4:d", "op-5:e");
    }

    @Test
    default void aSharedRequestNeverOvertakesAQueuedExclusiveOne() throws Exception {
        Lease reader = shared(manager(), "r", "op-1:reader");
        Future<Lease> writer = queue(manager(), LockRequest.exclusive("r", "op-2:writer", WAIT, TTL));

        assertThatThrownBy(() -> manager().acquire(tryOnce("r", LockMode.SHARED, "op-3:reader")))
                .as("a shared request behind a queued exclusive one waits").isInstanceOf(LockTimeoutException.class);
        Future<Lease> lateReader = queue(manager(), new LockRequest("r", LockMode.SHARED, "op-4:reader", WAIT, TTL));

        reader.close();
        Lease w = get(writer);
        assertThat(lateReader.isDone()).isFalse();
        w.close();
        assertThat(get(lateReader).token()).isGreaterThan(w.token());
    }

    @Test
    default void consecutiveSharedWaitersAreGrantedTogether() throws Exception {
        Lease writer = exclusive(manager(), "r", "op-0:writer");
        List<Future<Lease>> readers = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            readers.add(queue(manager(), new LockRequest("r", LockMode.SHARED, "op-" + i + ":reader", WAIT, TTL)));
        }

        writer.close();
        for (Future<Lease> r : readers) {
            assertThat(get(r).isValid()).isTrue();
        }
        assertThat(manager().held()).as("all five hold at once").hasSize(5);
    }

    @Test
    default void anInterruptedWaiterLeavesTheQueue() throws Exception {
        Lease holder = exclusive(manager(), "r", "op-1:holder");
        AtomicReference<Thread> waiterThread = new AtomicReference<>();
        Future<Lease> waiter = threads().submit(() -> {
            waiterThread.set(Thread.currentThread());
            return exclusive(manager(), "r", "op-2:waiter");
        });
        await("the waiter waits", () -> waiter(manager(), "op-2:waiter") != null);

        waiterThread.get().interrupt();

        assertThatThrownBy(() -> get(waiter))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InterruptedException.class);
        await("the interrupted request leaves the queue", () -> manager().waiters().isEmpty());
        holder.close();
        assertThat(exclusive(manager(), "r", "op-3:next").isValid()).isTrue();
    }
}
