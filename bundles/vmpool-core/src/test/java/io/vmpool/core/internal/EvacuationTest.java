package io.vmpool.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.ForbiddenException;
import io.vmpool.api.NotFoundException;
import io.vmpool.api.hypervisor.DomainInfo;
import io.vmpool.api.hypervisor.DomainState;
import io.vmpool.api.hypervisor.Hypervisor;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.Evacuation;
import io.vmpool.api.machine.Evacuation.ItemState;
import io.vmpool.api.machine.MachineSpec;
import io.vmpool.api.machine.MachineState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Draining a host in maintenance on the real default backends, without the health policy (the core's own flag). */
class EvacuationTest {
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

    /** host1 16 GiB, host2 and host3 8 GiB (512 MiB reserved each); machines made on host1 by moving them there. */
    private RealPool poolWithMachinesOnHost1(Map<String, Object> config, long... sizes) throws Exception {
        pool = new RealPool(dir, config, 16384, 8192, 8192);
        for (int i = 0; i < sizes.length; i++) {
            String name = "vm" + (i + 1);
            if (!pool.machines.create(new MachineSpec(name, sizes[i], 1, 1, null), ALICE).host().equals("host1")) {
                pool.machines.move(name, "host1", ADMIN);
            }
        }
        return pool;
    }

    @Test
    void aHostInMaintenanceIsDrainedOntoTheOthersSpreadAndTheMachinesThatFitNowhereStay() throws Exception {
        RealPool p = poolWithMachinesOnHost1(Map.of(), 2048, 2048, 2048, 2048, 7000);
        p.machines.stop("vm2", ALICE);
        Set<String> twice = new HashSet<>();

        Evacuation started = p.machines.evacuate("host1", ADMIN);
        assertThat(started.id()).isNotBlank();
        assertThat(started.machines()).extracting(Evacuation.Item::machine).first().isEqualTo("vm5"); // largest first
        Evacuation done = waitForDone(p, started.id(), () -> {
            List<Hypervisor> hvs = List.of(p.host("host1").hypervisor(), p.host("host2").hypervisor(),
                    p.host("host3").hypervisor());
            for (var m : List.of("vm1", "vm2", "vm3", "vm4", "vm5")) {
                if (inTwoPlaces(hvs, m)) {
                    twice.add(m);
                }
            }
        });

        assertThat(twice).as("machines defined on two hosts at once").isEmpty();
        // vm5 (7,000 MiB) goes first to a host with 7,680 free; the four 2 GiB machines then have
        // 680 there and 7,680 on the other: three fit, the fourth fits nowhere
        assertThat(done.count(ItemState.MOVED)).isEqualTo(4);
        assertThat(done.machines()).filteredOn(i -> i.state() == ItemState.STAYS).singleElement().satisfies(i -> {
            assertThat(i.reason()).contains("no host can take machine", "with 2048 MiB of memory",
                    "host2: needs 2048 MiB, has 680 MiB free", "host3: needs 2048 MiB, has 1536 MiB free");
            assertThat(i.reason()).doesNotContain("host1:");
        });
        Set<String> targets = new HashSet<>();
        done.machines().stream().filter(i -> i.state() == ItemState.MOVED).forEach(i -> targets.add(i.target()));
        assertThat(targets).containsExactlyInAnyOrder("host2", "host3");
        for (var h : p.machines.hosts(ADMIN)) {
            assertThat(h.allocatedMiB()).as(h.name()).isLessThanOrEqualTo(h.memoryMiB() - h.reservedMiB());
        }
        assertThat(p.inventory.find("vm2").orElseThrow().state()).as("stopped stays stopped").isEqualTo(MachineState.STOPPED);
        for (var r : p.inventory.machines()) {
            var state = p.host(r.host()).hypervisor().state(r.name());
            assertThat(state).as(r.name() + " on its recorded host " + r.host()).isPresent();
            if (r.state() == MachineState.RUNNING) {
                assertThat(state).contains(DomainState.RUNNING);
            }
        }
        assertThat(p.host("host1").hypervisor().domains()).extracting(DomainInfo::name).hasSize(1);
        assertThat(p.inventory.events("host:host1", 5)).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("host.evacuation");
            assertThat(e.message()).contains("finished: 4 moved, 1 stay, 0 failed");
        });
        assertThat(p.locks.held()).isEmpty();
    }

    @Test
    void maintenanceWithoutAHealthPolicyKeepsNewMachinesOffUntilActivate() throws Exception {
        RealPool p = poolWithMachinesOnHost1(Map.of());
        waitForDone(p, p.machines.evacuate("host1", ADMIN).id(), () -> { });
        assertThat(p.machines.hosts(ADMIN)).filteredOn(h -> h.name().equals("host1")).singleElement()
                .satisfies(h -> assertThat(h.health()).isEqualTo("MAINTENANCE"));

        // host1 has by far the most free memory, yet takes nothing while in maintenance
        assertThat(p.machines.create(new MachineSpec("new1", 512, 1, 1, null), ALICE).host()).isNotEqualTo("host1");
        assertThat(p.machines.place(new io.vmpool.api.placement.PlacementRequest(512, 1, 1), ALICE).hosts())
                .filteredOn(a -> a.host().equals("host1")).singleElement()
                .satisfies(a -> assertThat(a.failed()).extracting(f -> f.filter()).containsExactly("maintenance"));

        assertThat(p.machines.activate("host1", ADMIN).health()).isEqualTo("HEALTHY");
        assertThat(p.machines.create(new MachineSpec("new2", 512, 1, 1, null), ALICE).host()).isEqualTo("host1");
    }

    @Test
    void evacuationIsForAdministratorsOfKnownHostsAndTasksAreFound() throws Exception {
        RealPool p = poolWithMachinesOnHost1(Map.of("evacuationParallelism", 2), 1024, 1024);
        assertThatThrownBy(() -> p.machines.evacuate("host1", ALICE)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> p.machines.evacuate("host9", ADMIN)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> p.machines.task("evac-99", ADMIN)).isInstanceOf(NotFoundException.class);
        assertThat(p.machines.hosts(ADMIN)).allSatisfy(h -> assertThat(h.health()).isEqualTo("HEALTHY"));

        Evacuation done = waitForDone(p, p.machines.evacuate("host1", ADMIN).id(), () -> { });
        assertThat(done.parallelism()).isEqualTo(2);
        assertThat(done.count(ItemState.MOVED)).isEqualTo(2);
        assertThat(p.machines.tasks("host1", ADMIN)).extracting(Evacuation::id).containsExactly(done.id());
        assertThat(p.locks.held()).isEmpty();
    }

    @Test
    void parallelMovesReserveTheirTargetsSoNoHostIsOverfilled() throws Exception {
        // seven 2 GiB machines on host1; host2 and host3 take three each (7,680 MiB free), the seventh stays
        RealPool p = poolWithMachinesOnHost1(Map.of("evacuationParallelism", 4), 2048, 2048, 2048, 2048, 2048, 2048, 2048);
        List<String> over = new java.util.concurrent.CopyOnWriteArrayList<>();

        Evacuation done = waitForDone(p, p.machines.evacuate("host1", ADMIN).id(), () -> {
            for (var h : p.machines.hosts(ADMIN)) {
                if (h.allocatedMiB() > h.memoryMiB() - h.reservedMiB()) {
                    over.add(h.name() + " " + h.allocatedMiB());
                }
            }
        });

        assertThat(over).isEmpty();
        assertThat(done.count(ItemState.MOVED)).isEqualTo(6);
        assertThat(done.count(ItemState.STAYS)).isEqualTo(1);
        assertThat(done.machines()).filteredOn(i -> i.state() == ItemState.MOVED)
                .extracting(Evacuation.Item::target).containsOnly("host2", "host3").contains("host2", "host3");
        for (var r : p.inventory.machines()) {
            assertThat(p.host(r.host()).hypervisor().state(r.name())).as(r.name()).contains(DomainState.RUNNING);
        }
        assertThat(p.locks.held()).isEmpty();
    }

    @Test
    void theSamplerSeesADomainDefinedOnTwoHosts() throws Exception {
        pool = new RealPool(dir, Map.of(), 8192, 8192, 8192);
        List<Hypervisor> hvs = List.of(pool.host("host1").hypervisor(), pool.host("host2").hypervisor(),
                pool.host("host3").hypervisor());
        var spec = new io.vmpool.api.hypervisor.DomainSpec("x", java.util.UUID.randomUUID(), 128, 1, List.of(), null, Map.of());
        hvs.get(0).define(spec);
        assertThat(inTwoPlaces(hvs, "x")).isFalse();
        hvs.get(2).define(spec);
        assertThat(inTwoPlaces(hvs, "x")).isTrue();
        hvs.get(0).undefine("x");
        assertThat(inTwoPlaces(hvs, "x")).isFalse();
    }

    @Test
    void aParallelismBelowOneStopsTheServiceNamingTheKey() {
        assertThatThrownBy(() -> new RealPool(dir, Map.of("evacuationParallelism", 0), 8192))
                .hasMessageContaining("evacuationParallelism must be at least 1, was 0 (fix it in io.vmpool.core)");
    }

    /**
     * Whether the machine was defined on two hosts at one moment, from reads of the hosts in order and then in reverse
     * (one host after another is no snapshot: a machine read on its source just before it left and on its target just
     * after it arrived would look doubled). Host i seen in both its reads and a later host j seen in a read between
     * them is an overlap, provided no machine goes back to a host it left while this runs (a drain only moves off).
     */
    static boolean inTwoPlaces(List<Hypervisor> hosts, String machine) {
        int n = hosts.size();
        boolean[] forward = new boolean[n];
        boolean[] back = new boolean[n];
        for (int i = 0; i < n; i++) {
            forward[i] = hosts.get(i).state(machine).isPresent();
        }
        for (int i = n - 1; i >= 0; i--) {
            back[i] = hosts.get(i).state(machine).isPresent();
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n && forward[i] && back[i]; j++) {
                if (forward[j] || back[j]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Polls the task, running {@code sample} at every poll, until it is done (30 s at most). */
    private static Evacuation waitForDone(RealPool p, String id, Runnable sample) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            sample.run();
            Evacuation e = p.machines.task(id, ADMIN);
            if (e.done()) {
                return e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("evacuation " + id + " not done within 30 s: " + e);
            }
            Thread.sleep(5); // between polls; the deadline bounds the wait
        }
    }

}
