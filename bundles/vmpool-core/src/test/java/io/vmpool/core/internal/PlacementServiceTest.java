package io.vmpool.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.ForbiddenException;
import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.HostRefusal;
import io.vmpool.api.machine.HostStatus;
import io.vmpool.api.machine.Machine;
import io.vmpool.api.machine.MachineSpec;
import io.vmpool.api.machine.NoCapacityException;
import io.vmpool.api.placement.CapacityReport;
import io.vmpool.api.placement.FilterFailure;
import io.vmpool.api.placement.HostCapacity;
import io.vmpool.api.placement.PlacementDecision;
import io.vmpool.api.placement.PlacementRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler inside the core, against the real default backends: creates, dry runs, capacity, N+1. */
class PlacementServiceTest {
    private static final Caller ADMIN = Caller.of("root", "vmpool-admin");
    private static final Caller ALICE = Caller.of("alice", "vmpool-user");

    @TempDir
    Path dir;
    private RealPool pool;

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
    }

    private RealPool pool(Map<String, Object> config, long... hostMemoryMiB) throws Exception {
        pool = new RealPool(dir, config, hostMemoryMiB);
        return pool;
    }

    @Test
    void aRefusedCreateCarriesEveryHostsFailedFiltersAndSaysWhereItWouldFitAfterWhatIsFreed() throws Exception {
        RealPool p = pool(Map.of(), 8192, 16384); // 7680 and 15872 MiB after the 512 MiB reserve
        p.machines.create(new MachineSpec("big", 12288, 1, 1, null), ADMIN); // host2: 3584 left
        // host1 could not hold 8704 even empty, so the hint names host2
        assertThatThrownBy(() -> p.machines.create(new MachineSpec("huge", 8704, 1, 1, null), ALICE))
                .isInstanceOfSatisfying(NoCapacityException.class, e -> {
                    assertThat(e.getMessage()).startsWith("no host can take machine huge with 8704 MiB of memory"
                            + " (5,120 MiB missing: host2 would fit it after 5,120 MiB are freed there)");
                    assertThat(e.refusals()).extracting(HostRefusal::host, HostRefusal::freeMemoryMiB)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("host1", 7680L),
                                    org.assertj.core.groups.Tuple.tuple("host2", 3584L));
                    assertThat(e.refusals().get(1).reason())
                            .isEqualTo("needs 8704 MiB, has 3584 MiB free of 16384 (12288 allocated, 512 reserved)");
                    PlacementDecision d = e.decision().orElseThrow();
                    assertThat(d.missingMiB()).isEqualTo(5120);
                    assertThat(d.hosts()).allSatisfy(h -> assertThat(h.failed()).extracting(FilterFailure::filter)
                            .containsExactly("memory"));
                });
        assertThat(p.inventory.machines()).extracting(m -> m.name()).containsExactly("big");
        assertThat(p.locks.held()).isEmpty();
    }

    @Test
    void aDryRunChoosesWhereACreateWouldGoAndReservesNothing() throws Exception {
        RealPool p = pool(Map.of(), 8192, 16384);
        PlacementDecision d = p.machines.place(new PlacementRequest(4096, 2, 20), ALICE);
        assertThat(d.host()).isEqualTo("host2");
        assertThat(d.weigher()).isEqualTo("most-free");
        assertThat(d.summary()).isEqualTo("host2: 11,776 MiB free of 16,384 after this 4,096 MiB machine (most-free;"
                + " 2 of 2 hosts could take it)");
        assertThat(d.hosts()).extracting(h -> h.host() + " " + h.score()).containsExactly("host2 11776", "host1 3584");
        assertThat(p.inventory.machines()).isEmpty();
        assertThat(p.machines.hosts(ADMIN)).extracting(HostStatus::allocatedMiB).containsOnly(0L);
        assertThat(p.machines.create(new MachineSpec("web", 4096, 2, 1, null), ALICE).host()).isEqualTo(d.host());
    }

    @Test
    void badSizesAreRefusedNamingTheFieldAndTheLimit() throws Exception {
        RealPool p = pool(Map.of("maxMemoryMiB", 8192), 8192);
        assertThatThrownBy(() -> p.machines.place(new PlacementRequest(9000, 1, 1), ALICE))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("memoryMiB"))
                .hasMessageContaining("maxMemoryMiB in io.vmpool.core");
        assertThatThrownBy(() -> p.machines.place(new PlacementRequest(512, 0, 1), ALICE))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("vcpus"));
        assertThatThrownBy(() -> p.machines.capacity(new PlacementRequest(512, 1, -1), ADMIN))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("diskGiB"));
        assertThatThrownBy(() -> p.machines.capacity(new PlacementRequest(512, 1, 1), ALICE))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("vmpool-admin");
    }

    @Test
    void withNPlusOneACreateThatWouldBreakItIsRefusedAndCapacityAgreesOnTheCount() throws Exception {
        RealPool p = pool(Map.of("nPlusK", 1), 8192, 16384);
        CapacityReport before = p.machines.capacity(new PlacementRequest(4096, 1, 1), ADMIN);
        assertThat(before.total()).isEqualTo(4);          // 1 on host1, 3 on host2 by memory alone
        assertThat(before.totalWithNPlusK()).isEqualTo(1);
        assertThat(before.hosts()).extracting(HostCapacity::host, HostCapacity::fits, HostCapacity::fitsWithNPlusK)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("host1", 1, 0),
                        org.assertj.core.groups.Tuple.tuple("host2", 3, 1));
        assertThat(before.summary()).isEqualTo("4 more machines of 4,096 MiB fit (1 with N+1, placed by most-free)");
        assertThat(p.machines.create(new MachineSpec("one", 4096, 1, 1, null), ADMIN).host()).isEqualTo("host2");
        assertThatThrownBy(() -> p.machines.create(new MachineSpec("two", 4096, 1, 1, null), ADMIN))
                .isInstanceOfSatisfying(NoCapacityException.class, e -> {
                    assertThat(e.getMessage()).contains("host2 would fit it without N+1");
                    assertThat(e.refusals()).allSatisfy(r -> assertThat(r.reason()).startsWith("N+1: if host2 failed"));
                });
        assertThat(p.machines.capacity(new PlacementRequest(4096, 1, 1), ADMIN).totalWithNPlusK()).isZero();
        assertThat(p.inventory.machines()).hasSize(1);
    }

    @Test
    void capacityWithoutASizeUsesTheConfiguredOne() throws Exception {
        RealPool p = pool(Map.of("capacityMemoryMiB", 2048, "capacityDiskGiB", 5), 8192);
        CapacityReport r = p.machines.capacity(new PlacementRequest(0, 0, 0), ADMIN);
        assertThat(r.size()).isEqualTo(new PlacementRequest(2048, 1, 5));
        assertThat(r.total()).isEqualTo(3); // 7680 / 2048
        assertThat(r.nPlusK()).isEqualTo(1);
        assertThat(r.totalWithNPlusK()).isZero(); // one host cannot lose a host
    }

    @Test
    void packingFillsOneHostBeforeTheNext() throws Exception {
        RealPool p = pool(Map.of("placementWeigher", "packing"), 8192, 16384);
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            placed.add(p.machines.create(new MachineSpec("p" + i, 2048, 1, 1, null), ADMIN).host());
        }
        assertThat(placed).containsExactly("host1", "host1", "host1", "host2"); // 7680 holds three of 2048
    }

    @Test
    void parallelCreatesOnSeveralHostsNeverOvercommitAny() throws Exception {
        RealPool p = pool(Map.of(), 4096, 6144); // 3584 and 5632 MiB free: three and five machines of 1024
        int n = 12;
        ExecutorService threads = Executors.newFixedThreadPool(n);
        List<Object> outcomes = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = "vm" + i;
                futures.add(threads.submit(() -> {
                    go.await();
                    try {
                        return p.machines.create(new MachineSpec(name, 1024, 1, 1, null), ADMIN);
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            for (Future<Object> f : futures) {
                outcomes.add(f.get());
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(outcomes).filteredOn(o -> o instanceof Machine).hasSize(8);
        assertThat(outcomes).filteredOn(o -> o instanceof NoCapacityException).hasSize(4);
        assertThat(p.machines.hosts(ADMIN)).allSatisfy(h -> {
            assertThat(h.allocatedMiB()).isLessThanOrEqualTo(h.memoryMiB() - h.reservedMiB());
            assertThat(h.freeMiB()).isLessThan(1024);
        });
        assertThat(p.imageFiles()).hasSize(8);
    }
}
