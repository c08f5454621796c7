package io.vmpool.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.lock.local.internal.LocalLockConfig;
import io.vmpool.lock.local.internal.LocalLockManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

/** Backend swaps under load between two real local lock managers standing for two backends. */
class LockRouterTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration TTL = Duration.ofSeconds(60);

    private static LocalLockManager manager() {
        return new LocalLockManager(Converters.standardConverter().convert(Map.of()).to(LocalLockConfig.class));
    }

    @Test
    void swapsBothWaysUnderLoadWithoutTwoHoldersOrAFailedOperation() throws Exception {
        LocalLockManager a = manager();
        LocalLockManager b = manager();
        LockRouter router = new LockRouter(Duration.ofSeconds(30), Clock.systemUTC(), e -> { });
        router.bindLockManager(a, Map.of("service.ranking", -100));

        Map<String, AtomicInteger> holders = new ConcurrentHashMap<>();
        AtomicLong violations = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong operations = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService workers = Executors.newFixedThreadPool(8);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int worker = w;
            running.add(workers.submit(() -> {
                long n = 0;
                while (!stop.get()) {
                    String owner = "op-" + worker + "-" + n++;
                    String machine = "machine:m" + (n % 3);
                    try (Lease m = router.acquire(LockRequest.exclusive(machine, owner, WAIT, TTL));
                            Lease p = router.acquire(LockRequest.exclusive("placement", owner, WAIT, TTL))) {
                        for (String r : List.of(machine, "placement")) {
                            if (holders.computeIfAbsent(r, k -> new AtomicInteger()).incrementAndGet() != 1) {
                                violations.incrementAndGet();
                            }
                        }
                        Thread.onSpinWait();
                        holders.get(machine).decrementAndGet();
                        holders.get("placement").decrementAndGet();
                        operations.incrementAndGet();
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        awaitOperations(operations, 200);
        router.bindLockManager(b, Map.of("service.ranking", 100));   // install: b takes over
        router.unbindLockManager(a);
        assertThat(router.backend().swaps()).isEqualTo(1);
        assertThat(router.active()).isSameAs(b);
        awaitOperations(operations, operations.get() + 200);
        router.bindLockManager(a, Map.of("service.ranking", -100)); // uninstall b: DS binds a first, then unbinds b
        router.unbindLockManager(b);
        assertThat(router.active()).isSameAs(a);
        awaitOperations(operations, operations.get() + 200);
        stop.set(true);
        for (Future<?> f : running) {
            f.get(30, TimeUnit.SECONDS);
        }
        workers.shutdown();

        assertThat(violations.get()).as("two holders of one resource").isZero();
        assertThat(failures.get()).as("failed operations").isZero();
        assertThat(router.backend().swaps()).isEqualTo(2);
        assertThat(a.held()).isEmpty();
        assertThat(b.held()).isEmpty();
    }

    @Test
    void anOperationHoldingOldLeasesFinishesOnTheOldBackendWhileNewOnesWait() throws Exception {
        LocalLockManager a = manager();
        LocalLockManager b = manager();
        LockRouter router = new LockRouter(Duration.ofSeconds(30), Clock.systemUTC(), e -> { });
        router.bindLockManager(a, Map.of("service.ranking", -100));
        Lease first = router.acquire(LockRequest.exclusive("machine:x", "op-1", WAIT, TTL));

        ExecutorService t = Executors.newFixedThreadPool(2);
        Future<?> swap = t.submit(() -> router.bindLockManager(b, Map.of("service.ranking", 100)));
        Future<Lease> newcomer = t.submit(() -> router.acquire(LockRequest.exclusive("machine:y", "op-2", WAIT, TTL)));
        // op-1 can still take its next lock (on a) while the swap drains
        try (Lease second = router.acquire(LockRequest.exclusive("placement", "op-1", WAIT, TTL))) {
            assertThat(a.held()).hasSize(2);
            assertThat(swap.isDone()).isFalse();
            assertThat(newcomer.isDone()).isFalse();
        }
        first.close();
        swap.get(10, TimeUnit.SECONDS);
        try (Lease y = newcomer.get(10, TimeUnit.SECONDS)) {
            assertThat(b.held()).extracting(i -> i.resource()).containsExactly("machine:y");
            assertThat(a.held()).isEmpty();
        }
        t.shutdown();
    }

    @Test
    void aHigherRankedBackendThatIsNotAvailableYetIsSwitchedToOnceItIs() throws Exception {
        LocalLockManager a = manager();
        Unplugged b = new Unplugged(manager());
        LockRouter router = new LockRouter(Duration.ofSeconds(30), Clock.systemUTC(), e -> { });
        router.bindLockManager(a, Map.of("service.ranking", -100));
        router.bindLockManager(b, Map.of("service.ranking", 100));
        assertThat(router.active()).as("not connected yet: stay").isSameAs(a);
        try (Lease l = router.acquire(LockRequest.exclusive("machine:x", "op-1", WAIT, TTL))) {
            assertThat(a.held()).hasSize(1);
        }
        b.available.set(true);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (router.active() != b && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(router.active()).isSameAs(b);
        b.available.set(false);
        router.reconsider(); // what the recheck does: a drop must not send the node back to local locks
        assertThat(router.active()).isSameAs(b);
    }

    /** A real local manager standing for a backend whose connection is not up yet. */
    private static final class Unplugged implements io.vmpool.api.lock.LockManager {
        final AtomicBoolean available = new AtomicBoolean();
        private final LocalLockManager real;

        Unplugged(LocalLockManager real) {
            this.real = real;
        }

        @Override
        public boolean isAvailable() {
            return available.get();
        }

        @Override
        public Lease acquire(LockRequest request) throws InterruptedException {
            return real.acquire(request);
        }

        @Override
        public Lease renew(Lease lease, Duration ttl) {
            return real.renew(lease, ttl);
        }

        @Override
        public void release(Lease lease) {
            real.release(lease);
        }

        @Override
        public List<io.vmpool.api.lock.LockInfo> held() {
            return real.held();
        }

        @Override
        public List<io.vmpool.api.lock.LockWaiter> waiters() {
            return real.waiters();
        }

        @Override
        public io.vmpool.api.lock.LockStats stats() {
            return real.stats();
        }

        @Override
        public String backend() {
            return "unplugged";
        }

        @Override
        public int forceRelease(String resource) {
            return real.forceRelease(resource);
        }
    }

    @Test
    void lockOrderIsChecked() {
        assertThatThrownBy(() -> LockOrder.check(List.of("placement"), "machine:web1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("machine:web1 requested while holding placement")
                .hasMessageContaining("machine -> placement -> storage -> volume");
        LockOrder.check(List.of("machine:web1"), "placement");
        assertThatThrownBy(() -> LockOrder.rank("bogus:x")).hasMessageContaining("no known kind");
    }

    private static void awaitOperations(AtomicLong operations, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (operations.get() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + operations.get() + " operations of " + atLeast);
            }
            Thread.sleep(5);
        }
    }
}
