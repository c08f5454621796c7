package io.vmpool.core.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.Event;
import io.vmpool.api.LimitExceededException;
import io.vmpool.api.NotFoundException;
import io.vmpool.api.health.Alert;
import io.vmpool.api.inventory.DuplicateNameException;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.Machine;
import io.vmpool.api.machine.MachineSpec;
import io.vmpool.api.machine.MachineState;
import io.vmpool.api.machine.NoCapacityException;
import io.vmpool.api.queue.QueuedRequest;
import io.vmpool.api.queue.Submission;
import io.vmpool.core.internal.RealPool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The waiting list against the real core and backends (libvirt test driver, H2, files, local locks). */
class WaitingListTest {
    private static final Caller ADMIN = Caller.of("root", "vmpool-admin");
    private static final Caller ALICE = Caller.of("alice", "vmpool-user");
    private static final Caller BOB = Caller.of("bob", "vmpool-user");

    @TempDir
    Path dir;
    private RealPool pool;
    private WaitingList list;
    private final MutableClock clock = new MutableClock();
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        if (list != null) {
            list.deactivate();
        }
        if (pool != null) {
            pool.close();
        }
    }

    /** One host of {@code hostMiB} (512 reserved), the waiting list on it with {@code config}. */
    private WaitingList waitingList(Map<String, Object> config, long... hostMiB) throws Exception {
        pool = new RealPool(dir, config, hostMiB);
        list = new WaitingList(pool.machines, pool.machines, pool.machines, pool.inventory, RealPool.coreConfig(config), clock, false);
        list.addSink(alerts::add);
        return list;
    }

    private static MachineSpec spec(String name, long memoryMiB) {
        return new MachineSpec(name, memoryMiB, 1, 1, null);
    }

    @Test
    void aCreateThatFitsIsCreatedAtOnceAndNothingWaits() throws Exception {
        waitingList(Map.of(), 4096);

        Submission s = list.submit(spec("web1", 1024), ALICE);

        assertThat(s.isQueued()).isFalse();
        assertThat(s.machine().state()).isEqualTo(MachineState.RUNNING);
        assertThat(list.list(ADMIN)).isEmpty();
    }

    @Test
    void aFullPoolKeepsTheRequestWithItsPositionAndADeleteBootsIt() throws Exception {
        waitingList(Map.of(), 4096); // 3,584 MiB free
        pool.machines.create(spec("a1", 3000), ALICE);

        Submission first = list.submit(spec("b1", 2048), BOB);
        Submission second = list.submit(spec("b2", 1024), ALICE);

        assertThat(first.isQueued()).isTrue();
        assertThat(first.request().position()).isEqualTo(1);
        assertThat(first.request().owner()).isEqualTo("bob");
        assertThat(first.request().reason()).contains("no host can take 2,048 MiB");
        assertThat(first.request().expires()).isEqualTo(first.request().since().plus(Duration.ofMinutes(1440)));
        assertThat(second.request().position()).isEqualTo(2);
        assertThat(list.list(BOB)).extracting(QueuedRequest::id).containsExactly(first.request().id());
        assertThat(list.list(ADMIN)).extracting(q -> q.spec().name()).containsExactly("b1", "b2");
        assertThat(list.pass()).isZero(); // still full: b1 does not fit, and b2 waits behind it (strict FIFO)

        pool.machines.delete("a1", ALICE);
        assertThat(list.pass()).isEqualTo(2);

        Machine b1 = pool.machines.get("b1", ADMIN);
        assertThat(b1.state()).isEqualTo(MachineState.RUNNING);
        assertThat(b1.owner()).isEqualTo("bob");
        assertThat(pool.machines.get("b2", ADMIN).owner()).isEqualTo("alice");
        assertThat(list.list(ADMIN)).isEmpty();
        assertThat(list.events(null, BOB, 10)).extracting(Event::type).containsExactly("queue.booted", "queue.queued");
    }

    @Test
    void strictOrderHoldsSmallerRequestsBehindTheHeadAndSkipAheadLetsThemBoot() throws Exception {
        waitingList(Map.of(), 4096);
        pool.machines.create(spec("a1", 3000), ALICE);
        list.submit(spec("big", 4000), BOB);
        list.submit(spec("small", 1024), BOB);
        pool.machines.create(spec("a2", 500), ALICE); // 84 MiB left: neither fits
        pool.machines.delete("a1", ALICE); // 3,084 MiB: small fits, big never on this host

        assertThat(list.pass()).isZero();
        assertThat(list.list(BOB)).extracting(q -> q.spec().name()).containsExactly("big", "small");

        WaitingList skipping = new WaitingList(pool.machines, pool.machines, pool.machines, pool.inventory,
                RealPool.coreConfig(Map.of("queueSkipAhead", true)), clock, false);
        try {
            assertThat(skipping.pass()).isEqualTo(1);
        } finally {
            skipping.deactivate();
        }
        assertThat(pool.machines.get("small", BOB).state()).isEqualTo(MachineState.RUNNING);
        assertThat(list.list(BOB)).extracting(q -> q.spec().name()).containsExactly("big");
    }

    @Test
    void aHostAddedBootsTheWaitingRequestWithoutAPass() throws Exception {
        waitingList(Map.of(), 4096);
        pool.listen(list);
        list.submit(spec("big", 6000), BOB);

        pool.addHost("host2", 8192);

        waitFor(() -> list.list(ADMIN).isEmpty(), "the request to boot on host2");
        assertThat(pool.machines.get("big", BOB).host()).isEqualTo("host2");
    }

    @Test
    void aRequestExpiresWithAnEventForItsOwnerAndAnAlertForTheAdmins() throws Exception {
        waitingList(Map.of("queueExpiryMinutes", 30), 4096);
        QueuedRequest r = list.submit(spec("big", 6000), BOB).request();

        clock.advance(Duration.ofMinutes(29));
        list.pass();
        assertThat(list.list(BOB)).hasSize(1);
        assertThat(alerts).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        list.pass();

        assertThat(list.list(BOB)).isEmpty();
        assertThat(list.events(null, BOB, 1)).first().satisfies(e -> {
            assertThat(e.type()).isEqualTo("queue.expired");
            assertThat(e.message()).contains(r.id(), "big", "queueExpiryMinutes=30 in io.vmpool.core");
        });
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.host()).isEqualTo("pool");
            assertThat(a.cause()).isEqualTo("queue.expired");
            assertThat(a.summary()).contains("bob", "big", "6000 MiB");
        });
    }

    @Test
    void theListIsInTheInventorySoANewWorkerFindsIt() throws Exception {
        waitingList(Map.of(), 4096);
        QueuedRequest r = list.submit(spec("big", 6000), BOB).request();
        list.deactivate();

        list = new WaitingList(pool.machines, pool.machines, pool.machines, pool.inventory, RealPool.coreConfig(Map.of()), clock, false);

        assertThat(list.list(BOB)).singleElement().isEqualTo(r);
    }

    @Test
    void onlyTheOwnerOrAnAdminCancelsAndTheOwnerSeesIt() throws Exception {
        waitingList(Map.of(), 4096);
        QueuedRequest r = list.submit(spec("big", 6000), BOB).request();

        assertThatThrownBy(() -> list.cancel(r.id(), ALICE)).isInstanceOf(NotFoundException.class);
        assertThat(list.cancel(r.id(), BOB).id()).isEqualTo(r.id());

        assertThat(list.list(ADMIN)).isEmpty();
        assertThat(list.events(null, BOB, 1).get(0).type()).isEqualTo("queue.cancelled");
        assertThatThrownBy(() -> list.events("bob", ALICE, 1)).hasMessageContaining("administrator");
    }

    @Test
    void aNameWaitsOnceAndOtherRefusalsAreNotQueued() throws Exception {
        waitingList(Map.of(), 4096);
        list.submit(spec("big", 6000), BOB);

        assertThatThrownBy(() -> list.submit(spec("big", 6000), BOB)).isInstanceOf(DuplicateNameException.class);
        assertThatThrownBy(() -> list.submit(spec("Bad_Name", 100), BOB)).hasMessageContaining("name");
        assertThatThrownBy(() -> list.submit(spec("huge", 1_000_000), BOB)).hasMessageContaining("maxMemoryMiB");
        assertThat(list.list(ADMIN)).hasSize(1);
    }

    @Test
    void quotasCountQueuedRequestsButNotTheOneBeingBooted() throws Exception {
        waitingList(Map.of("quotaMachines", 2, "quotaMemoryMiB", 8000), 4096);
        pool.machines.create(spec("a1", 3000), BOB);
        list.submit(spec("b1", 3000), BOB); // queued: 2 of 2 machines, 6,000 of 8,000 MiB

        assertThatThrownBy(() -> list.submit(spec("b2", 100), BOB)).isInstanceOfSatisfying(
                LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("quotaMachines");
                    assertThat(e.value()).isEqualTo(2);
                    assertThat(e.pid()).isEqualTo("io.vmpool.core");
                });
        assertThat(list.list(BOB)).hasSize(1);
        assertThatThrownBy(() -> pool.machines.create(spec("c1", 100), BOB)).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("quotaMachines=2");
        assertThatThrownBy(() -> pool.machines.create(spec("c1", 1000), ALICE)).isInstanceOf(NoCapacityException.class);

        pool.machines.delete("a1", BOB);
        assertThat(list.pass()).isEqualTo(1); // b1 is not counted twice against bob's quota
        assertThatThrownBy(() -> pool.machines.create(spec("c2", 5001), BOB)).isInstanceOfSatisfying(
                LimitExceededException.class, e -> assertThat(e.limit()).isEqualTo("quotaMemoryMiB"));
        assertThat(pool.machines.list(BOB)).extracting(Machine::name).containsExactly("b1");
    }

    @Test
    void parallelCreatesAndQueuedRequestsOfOneOwnerNeverPassTheQuotaTogether() throws Exception {
        waitingList(Map.of("quotaMachines", 3), 4096); // 3,584 MiB free: three 1,000 MiB machines fit
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                int n = i;
                results.add(threads.submit(() -> {
                    go.await();
                    try {
                        if (n % 2 == 0) {
                            pool.machines.create(spec("p" + n, 1000), BOB);
                        } else {
                            list.submit(spec("q" + n, 1000), BOB);
                        }
                        return "kept";
                    } catch (LimitExceededException e) {
                        return e.limit();
                    } catch (NoCapacityException e) {
                        return "no capacity"; // a fourth create passed the quota check
                    }
                }));
            }
            go.countDown();
            List<String> outcomes = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<String> f : results) {
                outcomes.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(outcomes).filteredOn("kept"::equals).hasSize(3);
            assertThat(outcomes).filteredOn("quotaMachines"::equals).hasSize(5);
        } finally {
            threads.shutdownNow();
        }
        assertThat(pool.machines.list(BOB).size() + list.list(BOB).size()).isEqualTo(3);
    }

    static void waitFor(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // the poll interval
        }
    }
}
