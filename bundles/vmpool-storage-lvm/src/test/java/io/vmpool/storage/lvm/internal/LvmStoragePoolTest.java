package io.vmpool.storage.lvm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.LimitExceededException;
import io.vmpool.api.storage.PoolCapacity;
import io.vmpool.api.storage.StorageException;
import io.vmpool.api.storage.Volume;
import io.vmpool.api.storage.VolumeRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The pool against real lvm2 on a loop device (a 256 MiB VG, 1 MiB extents, lvm's default 1 MiB metadata area). */
class LvmStoragePoolTest {
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;
    private LoopVg loop;
    private final TestLocks locks = new TestLocks();
    private final List<LvmStoragePool> pools = new ArrayList<>();

    @BeforeEach
    void createVolumeGroup() throws IOException {
        loop = LoopVg.create(dir, 256 * MIB, "1m", null);
    }

    @AfterEach
    void removeVolumeGroup() {
        pools.forEach(LvmStoragePool::deactivate);
        if (loop != null) {
            loop.close();
        }
    }

    private LvmStoragePool pool(Map<String, Object> overrides) {
        Map<String, Object> c = new HashMap<>(Map.of("volumeGroup", loop.vg, "lvmConfig", loop.lvmConfig,
                "metadataFloorVolumes", 2, "maxVolumeGiB", 1L));
        c.putAll(overrides);
        LvmStoragePool p = new LvmStoragePool(locks, TestConfig.of(LvmStorageConfig.class, c));
        pools.add(p);
        return p;
    }

    /** In the lvm shell (the default: a delete is one lvremove --select and its command log) and with processes. */
    @ParameterizedTest(name = "lvmShell={0}")
    @ValueSource(booleans = {true, false})
    void createsFindsListsAndDeletesTaggedVolumes(boolean shell) {
        LvmStoragePool pool = pool(Map.of("lvmShell", shell));
        assertThat(pool.runner().shell() != null).isEqualTo(shell);
        assertThat(pool.id()).isEqualTo(loop.vg);
        Volume v = pool.create(new VolumeRequest("web1", "disk0", 3 * MIB + 1));
        assertThat(v.id()).isEqualTo("lvm:" + loop.vg + "/vmpool_web1_disk0");
        assertThat(v.path()).isEqualTo("/dev/" + loop.vg + "/vmpool_web1_disk0");
        assertThat(v.kind()).isEqualTo(Volume.Kind.BLOCK);
        assertThat(v.sizeBytes()).isEqualTo(4 * MIB); // rounded up to whole extents, as lvm does
        assertThat(v.machine()).isEqualTo("web1");
        assertThat(pool.find(v.id())).contains(v);
        pool.create(new VolumeRequest("db", "disk1", MIB));
        loop.lvm("lvcreate", "-an", "-L", "1m", "-n", "vmpool_other_disk0", loop.vg); // vmpool's name, not its tag

        assertThat(loop.lvm("lvs", "--noheadings", "-o", "lv_name,lv_tags", "@vmpool"))
                .contains("vmpool_web1_disk0", "vmpool,vmpool_machine_web1", "vmpool_db_disk1").doesNotContain("other");
        assertThat(loop.lvm("lvs", "--noheadings", "-o", "lv_name", "@vmpool_machine_web1").strip())
                .isEqualTo("vmpool_web1_disk0");
        assertThat(pool.volumes()).extracting(Volume::name).containsExactlyInAnyOrder("vmpool_web1_disk0", "vmpool_db_disk1");
        assertThat(pool.orphans(Set.of("web1"))).extracting(Volume::machine).containsExactly("db");
        assertThatThrownBy(() -> pool.delete("lvm:" + loop.vg + "/vmpool_other_disk0"))
                .isInstanceOf(StorageException.class).hasMessageContaining("not tagged vmpool");
        assertThatThrownBy(() -> pool.create(new VolumeRequest("web1", "disk0", MIB)))
                .isInstanceOf(StorageException.class).hasMessageContaining("lvcreate").hasMessageContaining("already exists");

        Volume grown = pool.resize(v.id(), 6 * MIB);
        assertThat(grown.sizeBytes()).isEqualTo(6 * MIB);
        assertThat(pool.find(v.id()).orElseThrow().sizeBytes()).isEqualTo(6 * MIB);
        assertThatThrownBy(() -> pool.resize(v.id(), 2 * MIB)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("can only grow");

        PoolCapacity cap = pool.capacity();
        assertThat(cap.allocatedBytes()).isEqualTo(8 * MIB);
        assertThat(cap.freeBytes()).isEqualTo(cap.totalBytes() - 8 * MIB);

        pool.delete(v.id());
        pool.delete(v.id()); // not there: not an error
        assertThat(pool.find(v.id())).isEmpty();
        assertThat(loop.lvNames()).containsExactly("vmpool_db_disk1", "vmpool_other_disk0");
        assertThatThrownBy(() -> pool.delete("lvm:" + loop.vg + "/vmpool_other_disk0"))
                .isInstanceOf(StorageException.class).hasMessageContaining("not tagged vmpool");
        assertThat(loop.lvNames()).as("an untagged LV of vmpool's name is kept").contains("vmpool_other_disk0");
        assertThat(locks.manager.held()).isEmpty();
    }

    @Test
    void ownsExactlyItsOwnVolumeGroupsIds() {
        LvmStoragePool pool = pool(Map.of("vmpool_storage_pool", "fast"));
        assertThat(pool.id()).isEqualTo("fast");
        assertThat(pool.owns("lvm:" + loop.vg + "/vmpool_a_d0")).isTrue();
        assertThat(pool.owns("lvm:" + loop.vg + "x/vmpool_a_d0")).isFalse();
        assertThat(pool.owns("lvm:" + loop.vg + "/")).isFalse();
        assertThat(pool.owns("fast:vmpool_a_d0")).isFalse();
        assertThat(pool.owns(null)).isFalse();
        assertThatThrownBy(() -> pool.find("file:vmpool_a_d0.img")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("lvm:" + loop.vg + "/");
        assertThatThrownBy(() -> pool(Map.of("vmpool_storage_pool", "a:b"))).hasMessageContaining("':'");
    }

    @Test
    void refusesBadNamesAndSizesBeforeAnythingIsCreated() {
        LvmStoragePool pool = pool(Map.of());
        loop.lvm("lvcreate", "-an", "-L", "100m", "-n", "big", loop.vg); // leaves 155 of 255 extents free
        long freeExtents = loop.vgNumber("vg_free_count");
        assertThatThrownBy(() -> pool.create(new VolumeRequest("Web", "disk0", MIB)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(LvName.MACHINE_RULE);
        assertThatThrownBy(() -> pool.create(new VolumeRequest("web", "cdata", MIB)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'_cdata'");
        assertThatThrownBy(() -> pool.create(new VolumeRequest("web", "disk0", 0)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("> 0 bytes");
        assertThatThrownBy(() -> pool.create(new VolumeRequest("web", "disk0", -MIB)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("> 0 bytes");
        assertThatThrownBy(() -> pool.create(new VolumeRequest("web", "disk0", 1024 * MIB + 1)))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("limit maxVolumeGiB=1, change it in io.vmpool.storage.lvm");
        assertThatThrownBy(() -> pool.create(new VolumeRequest("web", "disk0", (freeExtents + 1) * MIB)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("needs " + (freeExtents + 1) + " extents")
                .hasMessageContaining(freeExtents + " free");
        assertThat(loop.lvNames()).containsExactly("big");
        assertThat(pool.create(new VolumeRequest("web", "disk0", freeExtents * MIB)).sizeBytes())
                .isEqualTo(freeExtents * MIB); // exactly what is free still fits
    }

    @Test
    void aMissingVolumeGroupFailsActivationNamingItAndThePid() {
        assertThatThrownBy(() -> pool(Map.of("volumeGroup", loop.vg + "_missing")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("volume group " + loop.vg + "_missing does not exist")
                .hasMessageContaining("io.vmpool.storage.lvm");
    }

    @Test
    void everyCallOnAVolumeGroupThatDisappearedSaysSo() {
        LvmStoragePool pool = pool(Map.of());
        loop.lvm("vgremove", "-y", loop.vg);
        for (Runnable call : List.<Runnable>of(pool::volumes, pool::capacity, pool::metadataHealth,
                () -> pool.create(new VolumeRequest("web", "disk0", MIB)),
                () -> pool.delete("lvm:" + loop.vg + "/vmpool_web_disk0"))) {
            assertThatThrownBy(call::run).isInstanceOf(StorageException.class)
                    .hasMessageContaining("volume group " + loop.vg + " does not exist");
        }
        loop.lvm("vgcreate", "-s", "1m", loop.vg, loop.loop); // for the fixture's cleanup
    }

    @Test
    void aMissingLvmBinaryIsAClearErrorAtActivation() {
        assertThatThrownBy(() -> pool(Map.of("lvmCommand", dir.resolve("no-such-lvm").toString())))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("cannot run the lvm command '" + dir.resolve("no-such-lvm") + "'")
                .hasMessageContaining("lvmCommand in io.vmpool.storage.lvm");
    }

    @Test
    void aCommandThatHangsIsKilledAfterTheTimeoutNamingTheKey() throws IOException {
        Path slow = dir.resolve("slow-lvm");
        Files.writeString(slow, "#!/bin/sh\nif [ \"$1\" = lvcreate ]; then exec sleep 30; fi\nexec lvm \"$@\"\n");
        Files.setPosixFilePermissions(slow, PosixFilePermissions.fromString("rwx------"));
        // one process per command: the fake runs as "slow-lvm lvcreate ..." (the shell's timeout: LvmShellTest)
        LvmStoragePool pool = pool(Map.of("lvmCommand", slow.toString(), "commandTimeoutSeconds", 1L,
                "lockTtlSeconds", 10L, "lvmShell", false));
        long start = System.nanoTime();
        assertThatThrownBy(() -> pool.create(new VolumeRequest("web", "disk0", MIB)))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("lvcreate")
                .hasMessageContaining("did not finish within 1 s")
                .hasMessageContaining("commandTimeoutSeconds=1, change it in io.vmpool.storage.lvm");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
        assertThat(loop.lvNames()).isEmpty();
        assertThat(locks.manager.held()).isEmpty(); // the lease was released
        assertThat(pool.volumes()).isEmpty(); // other commands still run
    }

    @Test
    void concurrentCreatesAllSucceedOneAtATimeUnderTheVolumeGroupsLease() throws Exception {
        LvmStoragePool pool = pool(Map.of());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Volume>> created = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int n = i;
                created.add(threads.submit(() -> pool.create(new VolumeRequest("m" + n, "disk0", MIB))));
            }
            for (Future<Volume> f : created) {
                assertThat(f.get().sizeBytes()).isEqualTo(MIB);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(loop.lvNames()).hasSize(12);
        assertThat(locks.granted.get()).isEqualTo(12);
        assertThat(locks.maxHeld.get()).isEqualTo(1);
        // they did contend: some waited for the lease at least as long as one create holds it
        assertThat(locks.manager.stats().granted()).isEqualTo(12);
        assertThat(locks.manager.stats().maxWait()).isGreaterThanOrEqualTo(locks.manager.stats().meanHold());
        assertThat(locks.manager.held()).isEmpty();
    }
}
