package io.vmpool.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.NotFoundException;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.Machine;
import io.vmpool.api.machine.MachineSpec;
import io.vmpool.api.storage.StorageReport;
import io.vmpool.api.storage.StorageService;
import io.vmpool.api.storage.VolumeRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several pools side by side: the pool is chosen per create, listed, and reconciled with the inventory. */
class StoragePoolsTest {
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

    @Test
    void aCreateNamesItsPoolAndTheDefaultIsUsedOtherwise() throws Exception {
        pool = new RealPool(dir, Map.of(), 8192);
        Machine onScratch = pool.machines.create(new MachineSpec("web1", 256, 1, 1, null, "scratch"), ALICE);
        Machine onDefault = pool.machines.create(new MachineSpec("web2", 256, 1, 1, null), ALICE);

        assertThat(onScratch.volumeId()).isEqualTo("scratch:vmpool_web1_disk0.img");
        assertThat(Files.exists(dir.resolve("scratch/vmpool_web1_disk0.img"))).isTrue();
        assertThat(onDefault.volumeId()).isEqualTo("file:vmpool_web2_disk0.img");

        pool.machines.delete("web1", ALICE);
        assertThat(Files.exists(dir.resolve("scratch/vmpool_web1_disk0.img"))).as("deleted from its own pool").isFalse();
    }

    @Test
    void aPoolThatDoesNotExistIsRefusedNamingThePoolsAndNothingChanges() throws Exception {
        pool = new RealPool(dir, Map.of(), 8192);

        assertThatThrownBy(() -> pool.machines.create(new MachineSpec("web1", 256, 1, 1, null, "nosuch"), ALICE))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("no storage pool 'nosuch'").hasMessageContaining("[file, scratch]");
        assertThatThrownBy(() -> pool.machines.create(new MachineSpec("web1", 256, 1, 1, null, "bad/name"), ALICE))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("pool 'bad/name' must match");

        assertThat(pool.inventory.machines()).isEmpty();
        assertThat(pool.imageFiles()).isEmpty();
        assertThat(pool.locks.held()).isEmpty();
    }

    @Test
    void thePoolsAreListedWithTheDefaultMarkedAndTheirHealth() throws Exception {
        pool = new RealPool(dir, Map.of(), 8192);
        pool.machines.create(new MachineSpec("web1", 256, 1, 1, null, "scratch"), ALICE);

        assertThat(pool.storageService.pools()).extracting(StorageService.PoolSummary::id,
                StorageService.PoolSummary::kind, StorageService.PoolSummary::defaultPool,
                StorageService.PoolSummary::volumes, StorageService.PoolSummary::problem)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("file", "file", true, 0, null),
                        org.assertj.core.groups.Tuple.tuple("scratch", "file", false, 1, null));
        assertThat(pool.storageService.health("scratch").volumes()).isEqualTo(1);
        assertThat(pool.storageService.health("scratch").metadata()).as("files have no metadata area").isNull();
        assertThat(pool.storageService.volumes("scratch")).singleElement()
                .satisfies(v -> assertThat(v.machine()).isEqualTo("web1"));
        assertThatThrownBy(() -> pool.storageService.health("nosuch")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("[file, scratch]");
    }

    @Test
    void reconcilingReportsOrphanVolumesAndMachinesWhoseVolumeIsGoneAndDeletesNothing() throws Exception {
        pool = new RealPool(dir, Map.of(), 8192);
        pool.machines.create(new MachineSpec("web1", 256, 1, 1, null), ALICE);
        pool.machines.create(new MachineSpec("web2", 256, 1, 1, null), ALICE);
        pool.scratch.create(new VolumeRequest("ghost", "disk0", 1 << 20)); // a volume no machine records
        Files.delete(dir.resolve("images/vmpool_web2_disk0.img")); // web2's disk lost behind vmpool's back

        StorageReport report = pool.storageService.reconcile();

        assertThat(report.orphans()).singleElement().satisfies(v -> {
            assertThat(v.id()).isEqualTo("scratch:vmpool_ghost_disk0.img");
            assertThat(v.machine()).isEqualTo("ghost");
        });
        assertThat(report.missing()).containsExactly(new StorageReport.MissingVolume("web2", "file:vmpool_web2_disk0.img"));
        assertThat(report.unavailable()).isEmpty();
        assertThat(Files.exists(dir.resolve("scratch/vmpool_ghost_disk0.img"))).as("reported, not deleted").isTrue();
    }
}
