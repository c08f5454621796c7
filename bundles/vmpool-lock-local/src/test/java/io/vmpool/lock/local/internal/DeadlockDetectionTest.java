package io.vmpool.lock.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.lock.DeadlockException;
import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockMode;
import io.vmpool.api.lock.LockRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeadlockDetectionTest extends LockTestSupport {
    private static final String EMPTY_GRAPH = "0 resources, 0 waits, 0 holds";

    /** A holds x and waits for y; B holds y and asks for x: B is refused at once, A gets y once B lets go. */
    @Test
    void twoOwnersInTwoThreads() throws Exception {
        LocalLockManager m = manager();
        Lease ax = exclusive(m, "machine:a", "op-7:alice");
        Lease by = exclusive(m, "machine:b", "op-8:bob");
        Future<Lease> aliceWaits = threads.submit(() -> exclusive(m, "machine:b", "op-7:alice"));
        await("alice waits", () -> m.waiting("machine:b") == 1);
        long start = System.nanoTime();

        Future<Lease> bobAsks = threads.submit(() -> exclusive(m, "machine:a", "op-8:bob"));

        assertThatThrownBy(() -> bobAsks.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(DeadlockException.class, e -> assertThat(e.cycle()).containsExactly(
                        "op-8:bob waits for machine:a held by op-7:alice",
                        "op-7:alice waits for machine:b held by op-8:bob"))
                .hasMessage("deadlock: op-8:bob waits for machine:a held by op-7:alice, which waits for "
                        + "machine:b held by op-8:bob");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused at once, not after its wait of "
                + LONG).isLessThan(LONG.dividedBy(3));
        assertThat(aliceWaits.isDone()).isFalse();
        assertThat(m.stats().deadlocks()).isEqualTo(1);
        assertThat(m.stats().timedOut()).as("a deadlock is not counted as a timeout").isZero();
        assertThat(m.locksOf("op-8:bob")).as("the refused request gave its slot back").isEqualTo(1);

        by.close(); // bob gives up
        Lease alice = aliceWaits.get(10, TimeUnit.SECONDS);
        assertThat(alice.resource()).isEqualTo("machine:b");
        alice.close();
        ax.close();
        assertThat(m.waitGraphSize()).isEqualTo(EMPTY_GRAPH);
        m.sweep(); // idle states stay until the reaper's sweep
        assertThat(m.resourcesInUse()).isZero();
    }

    /** Both ask at the same instant, many times over: always exactly one is refused, never both, never none. */
    @Test
    void twoOwnersClosingTheCycleAtOnce() throws Exception {
        LocalLockManager m = manager();
        for (int round = 0; round < 200; round++) {
            String x = "x" + round;
            String y = "y" + round;
            Lease ax = exclusive(m, x, "a");
            Lease by = exclusive(m, y, "b");
            CyclicBarrier together = new CyclicBarrier(2);
            Future<Boolean> a = threads.submit(() -> refusedOrDone(m, together, y, "a", ax));
            Future<Boolean> b = threads.submit(() -> refusedOrDone(m, together, x, "b", by));

            int refused = (a.get(10, TimeUnit.SECONDS) ? 1 : 0) + (b.get(10, TimeUnit.SECONDS) ? 1 : 0);
            assertThat(refused).as("requests refused in round %d", round).isEqualTo(1);
        }
        assertThat(m.stats().deadlocks()).isEqualTo(200);
        assertThat(m.held()).isEmpty();
        assertThat(m.waitGraphSize()).isEqualTo(EMPTY_GRAPH);
    }

    @Test
    void threeOwnersInACycle() throws Exception {
        LocalLockManager m = manager();
        Lease ax = exclusive(m, "x", "a");
        Lease by = exclusive(m, "y", "b");
        Lease cz = exclusive(m, "z", "c");
        Future<Lease> aWaits = threads.submit(() -> exclusive(m, "y", "a"));
        await("a waits", () -> m.waiting("y") == 1);
        Future<Lease> bWaits = threads.submit(() -> exclusive(m, "z", "b"));
        await("b waits", () -> m.waiting("z") == 1);

        assertThatThrownBy(() -> exclusive(m, "x", "c")).isInstanceOfSatisfying(DeadlockException.class,
                        e -> assertThat(e.cycle()).hasSize(3))
                .hasMessage("deadlock: c waits for x held by a, which waits for y held by b, which waits for z held by c");

        cz.close();
        bWaits.get(10, TimeUnit.SECONDS).close();
        by.close();
        aWaits.get(10, TimeUnit.SECONDS).close();
        ax.close();
        assertThat(m.waitGraphSize()).isEqualTo(EMPTY_GRAPH);
    }

    /** a holds x; b holds y and waits for x; c waits for y: a chain, not a cycle. */
    @Test
    void aChainIsNotACycle() throws Exception {
        LocalLockManager m = manager();
        Lease ax = exclusive(m, "x", "a");
        Lease by = exclusive(m, "y", "b");
        Future<Lease> bx = threads.submit(() -> exclusive(m, "x", "b"));
        await("b waits", () -> m.waiting("x") == 1);
        Future<Lease> cy = threads.submit(() -> exclusive(m, "y", "c"));
        await("c waits", () -> m.waiting("y") == 1);
        Future<Lease> dx = threads.submit(() -> shared(m, "x", "d"));
        await("d waits", () -> m.waiting("x") == 2);

        ax.close();
        bx.get(10, TimeUnit.SECONDS).close();
        by.close();
        assertThat(cy.get(10, TimeUnit.SECONDS).isValid()).isTrue();
        assertThat(dx.get(10, TimeUnit.SECONDS).isValid()).isTrue();
        assertThat(m.stats().deadlocks()).isZero();
    }

    /** Shared holders asking for each other's resource in shared mode do not wait at all. */
    @Test
    void sharedRequestsAcrossEachOthersResourcesAreNoCycle() throws Exception {
        LocalLockManager m = manager();
        shared(m, "x", "a");
        shared(m, "y", "b");

        assertThat(m.acquire(request("y", LockMode.SHARED, "a", Duration.ZERO, TTL)).isValid()).isTrue();
        assertThat(m.acquire(request("x", LockMode.SHARED, "b", Duration.ZERO, TTL)).isValid()).isTrue();
        assertThat(m.stats().deadlocks()).isZero();
    }

    /**
     * h holds r shared; w queues for r exclusive (waits for h); h waits for y, held by c; c asks for r shared:
     * it would queue behind w, so it closes a cycle through a queued request, not only holders.
     */
    @Test
    void aCycleThroughARequestQueuedAhead() throws Exception {
        LocalLockManager m = manager();
        Lease hr = shared(m, "r", "h");
        Lease cy = exclusive(m, "y", "c");
        Future<Lease> w = threads.submit(() -> exclusive(m, "r", "w"));
        await("w waits", () -> m.waiting("r") == 1);
        Future<Lease> hy = threads.submit(() -> exclusive(m, "y", "h"));
        await("h waits", () -> m.waiting("y") == 1);

        assertThatThrownBy(() -> shared(m, "r", "c")).isInstanceOf(DeadlockException.class)
                .hasMessage("deadlock: c waits for r behind w (queued ahead), which waits for r held by h, "
                        + "which waits for y held by c");

        cy.close();
        hy.get(10, TimeUnit.SECONDS).close();
        hr.close();
        w.get(10, TimeUnit.SECONDS).close();
        assertThat(m.waitGraphSize()).isEqualTo(EMPTY_GRAPH);
    }

    /** The search is backwards from the new waiter's owner: a long queue of owners holding other locks is cheap. */
    @Test
    void aLongQueueStaysCheap() throws Exception {
        LocalLockManager m = manager();
        Lease holder = exclusive(m, "placement", "op-0:holder");
        int count = 300;
        List<Future<Lease>> queued = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String owner = "op-" + i + ":u";
            exclusive(m, "machine:" + i, owner); // each holds its machine, as the core's operations do
            queued.add(threads.submit(() -> {
                try (Lease placement = m.acquire(LockRequest.exclusive("placement", owner, LONG, TTL))) {
                    return placement;
                }
            }));
        }
        await("all queue", Duration.ofSeconds(30), () -> m.waiting("placement") == count);
        assertThat(m.waiters()).hasSize(count);

        holder.close();
        for (Future<Lease> f : queued) {
            assertThat(f.get(30, TimeUnit.SECONDS).isValid()).isFalse();
        }
        assertThat(m.stats().deadlocks()).isZero();
        assertThat(m.waitGraphSize()).isEqualTo(EMPTY_GRAPH);
    }

    /** True when refused with a deadlock (then {@code held} is released), false when granted (then both are). */
    private static boolean refusedOrDone(LocalLockManager m, CyclicBarrier together, String resource, String owner,
            Lease held) throws Exception {
        together.await(10, TimeUnit.SECONDS);
        try (Lease got = m.acquire(LockRequest.exclusive(resource, owner, LONG, TTL))) {
            held.close();
            return false;
        } catch (DeadlockException e) {
            held.close();
            return true;
        }
    }
}
