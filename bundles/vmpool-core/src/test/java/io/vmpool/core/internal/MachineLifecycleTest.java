package io.vmpool.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.ConflictException;
import io.vmpool.api.Event;
import io.vmpool.api.ForbiddenException;
import io.vmpool.api.NotFoundException;
import io.vmpool.api.hypervisor.DomainSpec;
import io.vmpool.api.hypervisor.DomainState;
import io.vmpool.api.hypervisor.HypervisorException;
import io.vmpool.api.inventory.MachineRecord;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.HostRefusal;
import io.vmpool.api.machine.HostStatus;
import io.vmpool.api.machine.Machine;
import io.vmpool.api.machine.MachineSpec;
import io.vmpool.api.machine.MachineState;
import io.vmpool.api.machine.NoCapacityException;
import io.vmpool.api.storage.Volume;
import io.vmpool.api.storage.VolumeRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine lifecycle against the real default backends (libvirt test driver, H2, files, local locks). */
class MachineLifecycleTest {
    private static final Caller ADMIN = Caller.of("root", "vmpool-admin");
    private static final Caller ALICE = Caller.of("alice", "vmpool-user");
    private static final Caller BOB = Caller.of("bob", "vmpool-user");

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

    @Test
    void createPlacesOnTheHostWithTheMostFreeMemoryAndRunsTheDomain() throws Exception {
        RealPool p = pool(8192, 16384);
        Machine m = p.machines.create(new MachineSpec("web1", 512, 1, 2, null), ALICE);

        assertThat(m.state()).isEqualTo(MachineState.RUNNING);
        assertThat(m.host()).isEqualTo("host2");
        assertThat(m.owner()).isEqualTo("alice");
        assertThat(p.host("host2").hypervisor().state("web1")).contains(DomainState.RUNNING);
        assertThat(p.imageFiles()).containsExactly("vmpool_web1_disk0.img");
        assertThat(p.locks.held()).isEmpty();
        HostStatus h2 = p.machines.hosts(ALICE).stream().filter(h -> h.name().equals("host2")).findFirst().orElseThrow();
        assertThat(h2.allocatedMiB()).isEqualTo(512);
        assertThat(h2.freeMiB()).isEqualTo(16384 - 512 - 512);
    }

    @Test
    void aFailedDefineUndoesTheDiskAndTheRecordAndLeavesTheHostAsItWas() throws Exception {
        RealPool p = pool(8192, 16384);
        // a domain vmpool does not know about already has the name on the host placement will choose
        var hv = p.host("host2").hypervisor();
        hv.define(new DomainSpec("clash", UUID.randomUUID(), 128, 1, List.of(), null, Map.of()));

        assertThatThrownBy(() -> p.machines.create(new MachineSpec("clash", 512, 1, 2, null), ALICE))
                .isInstanceOf(HypervisorException.class);

        assertThat(p.inventory.find("clash")).isEmpty();
        assertThat(p.imageFiles()).isEmpty();
        assertThat(p.locks.held()).isEmpty();
        assertThat(hv.state("clash")).as("the stranger's domain is untouched").contains(DomainState.SHUTOFF);
        List<Event> events = p.inventory.events("machine:clash", 10);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("machine.create-failed");
            assertThat(e.message()).contains("could not define the domain on host2", "volume file:vmpool_clash_disk0.img deleted",
                    "record removed");
        });
    }

    @Test
    void stopStartDestroyAndDeleteFollowTheDomain() throws Exception {
        RealPool p = pool(8192);
        p.machines.create(new MachineSpec("db1", 1024, 2, 1, null), ALICE);
        var hv = p.host("host1").hypervisor();

        assertThat(p.machines.stop("db1", ALICE).state()).isEqualTo(MachineState.STOPPED);
        assertThat(hv.state("db1")).contains(DomainState.SHUTOFF);
        assertThat(p.machines.start("db1", ALICE).state()).isEqualTo(MachineState.RUNNING);
        assertThat(hv.state("db1")).contains(DomainState.RUNNING);
        Machine off = p.machines.destroy("db1", ALICE);
        assertThat(off.state()).isEqualTo(MachineState.STOPPED);
        assertThat(off.stateReason()).isEqualTo("forced off by alice");

        p.machines.delete("db1", ALICE);
        assertThat(hv.state("db1")).isEmpty();
        assertThat(p.imageFiles()).isEmpty();
        assertThat(p.inventory.find("db1")).isEmpty();
        assertThat(p.inventory.events("machine:db1", 10)).extracting(Event::type)
                .containsExactly("machine.deleted", "machine.destroyed", "machine.started", "machine.stopped", "machine.created");
        assertThat(p.locks.held()).isEmpty();
    }

    @Test
    void usersSeeAndTouchOnlyTheirOwnMachines() throws Exception {
        RealPool p = pool(8192);
        p.machines.create(new MachineSpec("alices", 256, 1, 1, null), ALICE);
        p.machines.create(new MachineSpec("bobs", 256, 1, 1, null), BOB);

        assertThat(p.machines.list(ALICE)).extracting(Machine::name).containsExactly("alices");
        assertThat(p.machines.list(ADMIN)).extracting(Machine::name).containsExactly("alices", "bobs");
        assertThatThrownBy(() -> p.machines.get("bobs", ALICE)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> p.machines.delete("bobs", ALICE)).isInstanceOf(NotFoundException.class);
        assertThat(p.machines.get("bobs", BOB).state()).isEqualTo(MachineState.RUNNING);
        assertThatThrownBy(() -> p.machines.create(new MachineSpec("forbob", 256, 1, 1, "bob"), ALICE))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("vmpool-admin");
        assertThat(p.machines.create(new MachineSpec("forbob", 256, 1, 1, "bob"), ADMIN).owner()).isEqualTo("bob");
    }

    @Test
    void noRoomAnywhereIsRefusedPerHostAndCreatesNothing() throws Exception {
        RealPool p = pool(8192, 16384);
        assertThatThrownBy(() -> p.machines.create(new MachineSpec("huge", 20000, 1, 1, null), ALICE))
                .isInstanceOfSatisfying(NoCapacityException.class, e -> assertThat(e.refusals())
                        .extracting(HostRefusal::host, HostRefusal::freeMemoryMiB)
                        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("host1", 7680L),
                                org.assertj.core.groups.Tuple.tuple("host2", 15872L)));
        assertThat(p.inventory.machines()).isEmpty();
        assertThat(p.imageFiles()).isEmpty();
        assertThat(p.locks.held()).isEmpty();
    }

    @Test
    void twoCreatesOfOneNameGiveOneMachineAndOneConflict() throws Exception {
        RealPool p = pool(8192);
        List<Object> outcomes = race(2, i -> p.machines.create(new MachineSpec("twin", 256, 1, 1, null), ALICE));
        assertThat(outcomes).filteredOn(o -> o instanceof Machine).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof ConflictException).hasSize(1);
        assertThat(p.imageFiles()).containsExactly("vmpool_twin_disk0.img");
    }

    @Test
    void parallelCreatesNeverOvercommitAHost() throws Exception {
        RealPool p = pool(4096); // 3584 MiB after the 512 MiB reserve: room for three 1 GiB machines
        List<Object> outcomes = race(6, i -> p.machines.create(new MachineSpec("vm" + i, 1024, 1, 1, null), ADMIN));
        assertThat(outcomes).filteredOn(o -> o instanceof Machine).hasSize(3);
        assertThat(outcomes).filteredOn(o -> o instanceof NoCapacityException).hasSize(3);
        HostStatus h = p.machines.hosts(ADMIN).get(0);
        assertThat(h.allocatedMiB()).isEqualTo(3072);
        assertThat(p.imageFiles()).hasSize(3);
    }

    @Test
    void aDomainTheHostForgotIsShownStoppedWithTheReasonAndStartDefinesItAgain() throws Exception {
        RealPool p = pool(8192);
        p.machines.create(new MachineSpec("lost", 512, 1, 1, null), ALICE);
        var hv = p.host("host1").hypervisor();
        hv.destroy("lost");
        hv.undefine("lost");

        assertThat(p.machines.reconcileAll()).isEqualTo(1);
        Machine m = p.machines.get("lost", ALICE);
        assertThat(m.state()).isEqualTo(MachineState.STOPPED);
        assertThat(m.stateReason()).contains("domain was gone from host host1");
        assertThat(p.inventory.events("machine:lost", 1)).extracting(Event::type).containsExactly("machine.reconciled");

        assertThat(p.machines.start("lost", ALICE).state()).isEqualTo(MachineState.RUNNING);
        assertThat(hv.state("lost")).contains(DomainState.RUNNING);
        assertThat(p.machines.reconcileAll()).isZero();
    }

    @Test
    void aCreateThatACrashLeftHalfDoneIsUndone() throws Exception {
        RealPool p = pool(8192);
        Volume v = p.storage.create(new VolumeRequest("halfway", "disk0", 1L << 30));
        Instant now = Instant.now();
        p.inventory.insert(new MachineRecord("halfway", "alice", MachineState.PROVISIONING, "host1", 512, 1, 1, v.id(),
                UUID.randomUUID(), now, now, "being created"));

        assertThat(p.machines.reconcileAll()).isEqualTo(1);
        assertThat(p.inventory.find("halfway")).isEmpty();
        assertThat(p.imageFiles()).isEmpty();
        assertThat(p.inventory.events("machine:halfway", 1)).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("a create that never finished was undone"));
    }

    private interface Attempt {
        Object run(int i) throws Exception;
    }

    /** Starts {@code n} attempts at once; returns each result or the exception it threw. */
    private static List<Object> race(int n, Attempt attempt) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Object> c = () -> {
                    go.await();
                    try {
                        return attempt.run(index);
                    } catch (RuntimeException e) {
                        return e;
                    }
                };
                futures.add(threads.submit(c));
            }
            go.countDown();
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            threads.shutdownNow();
        }
    }

}
