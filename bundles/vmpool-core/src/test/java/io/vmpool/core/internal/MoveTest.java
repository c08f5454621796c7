package io.vmpool.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.Event;
import io.vmpool.api.ForbiddenException;
import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.NotFoundException;
import io.vmpool.api.hypervisor.DomainInfo;
import io.vmpool.api.hypervisor.DomainSpec;
import io.vmpool.api.hypervisor.DomainState;
import io.vmpool.api.hypervisor.HypervisorException;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.Machine;
import io.vmpool.api.machine.MachineSpec;
import io.vmpool.api.machine.MachineState;
import io.vmpool.api.machine.NoCapacityException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cold moves of one machine on the real default backends (two or three libvirt test-driver hosts). */
class MoveTest {
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

    private RealPool pool(long... hostMemoryMiB) throws Exception {
        pool = new RealPool(dir, Map.of(), hostMemoryMiB);
        return pool;
    }

    private List<String> domains(String host) {
        return pool.host(host).hypervisor().domains().stream().map(DomainInfo::name).sorted().toList();
    }

    @Test
    void aRunningMachineMovesToTheSchedulersChoiceAndRunsOnlyThere() throws Exception {
        RealPool p = pool(8192, 16384);
        p.machines.create(new MachineSpec("web1", 1024, 1, 1, null), ALICE);

        Machine moved = p.machines.move("web1", null, ADMIN);

        assertThat(moved.host()).isEqualTo("host1");
        assertThat(moved.state()).isEqualTo(MachineState.RUNNING);
        assertThat(p.inventory.find("web1").orElseThrow().host()).isEqualTo("host1");
        assertThat(p.host("host1").hypervisor().state("web1")).contains(DomainState.RUNNING);
        assertThat(domains("host2")).isEmpty();
        assertThat(p.locks.held()).isEmpty();
        assertThat(p.inventory.events("machine:web1", 1)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("machine.moved");
            assertThat(e.actor()).isEqualTo("root");
            assertThat(e.message()).contains("moved from host2 to host1");
        });
        // the record's host is the new one, so host2's memory is free again and host1's taken
        assertThat(p.machines.hosts(ADMIN)).filteredOn(h -> h.name().equals("host1")).singleElement()
                .satisfies(h -> assertThat(h.allocatedMiB()).isEqualTo(1024));
    }

    @Test
    void aStoppedMachineMovesWithoutBeingStarted() throws Exception {
        RealPool p = pool(8192, 16384);
        p.machines.create(new MachineSpec("db1", 1024, 1, 1, null), ALICE);
        p.machines.stop("db1", ALICE);

        Machine moved = p.machines.move("db1", "host1", ADMIN);

        assertThat(moved.state()).isEqualTo(MachineState.STOPPED);
        assertThat(moved.stateReason()).isEqualTo("stopped by alice");
        assertThat(p.host("host1").hypervisor().state("db1")).contains(DomainState.SHUTOFF);
        assertThat(domains("host2")).isEmpty();
        assertThat(p.machines.start("db1", ALICE).host()).isEqualTo("host1");
    }

    @Test
    void aFailedDefineOnTheTargetLeavesTheMachineRunningOnItsSourceAndNoOrphan() throws Exception {
        RealPool p = pool(8192, 16384);
        p.machines.create(new MachineSpec("web1", 1024, 1, 1, null), ALICE);
        // a stranger's domain of the same name on the target: our define there fails half way through the move
        p.host("host1").hypervisor().define(new DomainSpec("web1", UUID.randomUUID(), 128, 1, List.of(), null, Map.of()));

        assertThatThrownBy(() -> p.machines.move("web1", null, ADMIN)).isInstanceOf(HypervisorException.class);

        assertThat(p.inventory.find("web1").orElseThrow()).satisfies(r -> {
            assertThat(r.host()).isEqualTo("host2");
            assertThat(r.state()).isEqualTo(MachineState.RUNNING);
        });
        assertThat(p.host("host2").hypervisor().state("web1")).contains(DomainState.RUNNING);
        assertThat(p.host("host1").hypervisor().state("web1")).as("the stranger's domain, untouched")
                .contains(DomainState.SHUTOFF);
        assertThat(domains("host1")).containsExactly("web1");
        assertThat(p.imageFiles()).containsExactly("vmpool_web1_disk0.img");
        assertThat(p.locks.held()).isEmpty();
        Event failed = p.inventory.events("machine:web1", 1).get(0);
        assertThat(failed.type()).isEqualTo("machine.move-failed");
        assertThat(failed.message()).contains("could not define the domain on host1", "disk usable on host2 again",
                "domain defined on host2 again", "started on host2 again");
        // and nothing is reserved on host1 any more: its whole free memory is placeable
        assertThat(p.machines.hosts(ADMIN)).filteredOn(h -> h.name().equals("host1")).singleElement()
                .satisfies(h -> assertThat(h.allocatedMiB()).isZero());
    }

    @Test
    void aStartRacingAMoveWaitsForTheMachinesLeaseAndStartsItOnlyWhereTheRecordSays() throws Exception {
        RealPool p = pool(8192, 16384);
        p.machines.create(new MachineSpec("db1", 512, 1, 1, null), ALICE);
        var threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                p.machines.stop("db1", ALICE);
                String to = p.inventory.find("db1").orElseThrow().host().equals("host1") ? "host2" : "host1";
                var start = new java.util.concurrent.CountDownLatch(1);
                var move = threads.submit(() -> {
                    start.await();
                    return p.machines.move("db1", to, ADMIN);
                });
                var boot = threads.submit(() -> {
                    start.await();
                    return p.machines.start("db1", ALICE);
                });
                start.countDown();
                move.get();
                boot.get();

                var r = p.inventory.find("db1").orElseThrow();
                assertThat(r.host()).as("round " + round).isEqualTo(to);
                assertThat(r.state()).isEqualTo(MachineState.RUNNING);
                String other = to.equals("host1") ? "host2" : "host1";
                assertThat(p.host(to).hypervisor().state("db1")).as("round " + round).contains(DomainState.RUNNING);
                assertThat(domains(other)).as("round " + round).isEmpty();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(p.locks.held()).isEmpty();
    }

    @Test
    void badRequestsAreRefusedClearlyAndChangeNothing() throws Exception {
        RealPool p = pool(8192, 16384);
        p.machines.create(new MachineSpec("web1", 1024, 1, 1, null), ALICE);
        p.machines.create(new MachineSpec("big", 8000, 1, 1, null), ALICE); // host2; host1 has 7,680 MiB free

        assertThatThrownBy(() -> p.machines.move("nope", null, ADMIN)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no machine named nope");
        assertThatThrownBy(() -> p.machines.move("web1", "host9", ADMIN)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("host host9 is not in the pool");
        assertThatThrownBy(() -> p.machines.move("web1", "host2", ADMIN)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("is on host2 already");
        assertThatThrownBy(() -> p.machines.move("web1", null, ALICE)).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("administrators");
        assertThatThrownBy(() -> p.machines.move("big", "host1", ADMIN)).isInstanceOf(NoCapacityException.class)
                .hasMessageContaining("host host1 cannot take machine big with 8000 MiB of memory: needs 8000 MiB, has 7680 MiB free");
        assertThatThrownBy(() -> p.machines.move("big", null, ADMIN)).isInstanceOf(NoCapacityException.class)
                .hasMessageContaining("no host can take machine big with 8000 MiB of memory");

        assertThat(p.inventory.find("big").orElseThrow().host()).isEqualTo("host2");
        assertThat(p.host("host2").hypervisor().state("big")).contains(DomainState.RUNNING);
        assertThat(p.inventory.find("web1").orElseThrow().host()).isEqualTo("host2");
        assertThat(p.host("host2").hypervisor().state("web1")).contains(DomainState.RUNNING);
        assertThat(p.locks.held()).isEmpty();
    }
}
