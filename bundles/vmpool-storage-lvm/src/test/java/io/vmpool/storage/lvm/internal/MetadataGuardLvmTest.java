package io.vmpool.storage.lvm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.LimitExceededException;
import io.vmpool.api.storage.VolumeRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The metadata guard against real lvm2: on the smallest metadata area pvcreate makes (32768 bytes,
 * about 41 volumes) vmpool refuses before lvm's "exceeds maximum metadata size"; init sizes an area.
 */
class MetadataGuardLvmTest {
    private static final long MIB = 1024 * 1024;
    private static final int FLOOR = 2;

    @TempDir
    Path dir;
    private LoopVg loop;
    private LvmStoragePool pool;
    private final TestLocks locks = new TestLocks();

    @AfterEach
    void cleanUp() {
        if (pool != null) {
            pool.deactivate();
        }
        if (loop != null) {
            loop.close();
        }
    }

    @Test
    void refusesCreatesBeforeLvmsMetadataAreaOverflowsAndSaysWhatToDo() throws IOException {
        loop = LoopVg.create(dir, 256 * MIB, "32k", "4k");
        assertThat(loop.vgNumber("vg_mda_size")).isEqualTo(32768);
        pool = new LvmStoragePool(locks, TestConfig.of(LvmStorageConfig.class, Map.of("volumeGroup", loop.vg,
                "lvmConfig", loop.lvmConfig, "metadataFloorVolumes", FLOOR)));
        List<String> warnings = new ArrayList<>();
        pool.onWarning(warnings::add);

        int created = 0;
        LimitExceededException refusal = null;
        while (refusal == null && created < 200) {
            try {
                pool.create(new VolumeRequest("vm" + created, "disk0", MIB)); // lvm's failure would be a StorageException
                created++;
            } catch (LimitExceededException e) {
                refusal = e;
            }
        }
        assertThat(refusal).as("vmpool refused a create").isNotNull();
        assertThat(loop.lvNames()).hasSize(created);
        assertThat(refusal.limit()).isEqualTo("metadataFloorVolumes");
        assertThat(refusal.getMessage()).contains("refusing to create " + loop.vg + "/vmpool_vm" + created + "_disk0",
                "more volumes", "area 32768 bytes", "pvcreate --metadatasize", "pvchange --metadataignore y",
                "limit metadataFloorVolumes=2, change it in io.vmpool.storage.lvm");
        MetadataHealth health = pool.metadataHealth();
        assertThat(health.warning()).isTrue();
        assertThat(health.volumeCount()).isEqualTo(created);
        assertThat(health.headroomVolumes()).isLessThanOrEqualTo(FLOOR);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("below metadataWarnPercent=25");

        // Now fill the rest with lvm itself, volumes like vmpool's, until lvm says the area is full.
        int max = created;
        String lvmError = null;
        while (lvmError == null && max < 200) {
            try {
                loop.lvm("lvcreate", "-an", "-l", "1", "-n", "vmpool_vm" + max + "_disk0", "--addtag", "vmpool",
                        "--addtag", "vmpool_machine_vm" + max, loop.vg);
                max++;
            } catch (IllegalStateException e) {
                lvmError = e.getMessage();
            }
        }
        assertThat(lvmError).contains("exceeds maximum metadata size");
        LoggerFactory.getLogger(MetadataGuardLvmTest.class).info("vmpool refused at {} LVs ({}); lvm's maximum {}",
                created, health.summary(), max);
        // vmpool stopped short of lvm's maximum, but by little more than the floor it keeps free
        assertThat(created).isLessThan(max).isGreaterThanOrEqualTo(max - FLOOR - 3);
    }

    @Test
    void initSizesTheMetadataAreaForTheTargetVolumeCount() throws IOException {
        loop = LoopVg.bare(dir, 1024 * MIB);
        LvmStorageConfig config = TestConfig.of(LvmStorageConfig.class, Map.of("volumeGroup", loop.vg,
                "lvmConfig", loop.lvmConfig, "metadataInitialBytesPerVolume", 400L, "initMetadataMarginPercent", 50));
        VolumeGroupInit init = new VolumeGroupInit(config, locks);
        assertThat(init.metadataBytes(3000)).isEqualTo(3602432); // 3000 x 400 x 2 x 150 / 100 + 2048, in whole sectors
        long asked = init.init(loop.loop, loop.vg, 3000);

        assertThat(loop.vgNumber("vg_mda_size")).isGreaterThanOrEqualTo(asked);
        pool = new LvmStoragePool(locks, config);
        MetadataHealth health = pool.metadataHealth();
        assertThat(health.volumeCount()).isZero();
        assertThat(health.headroomVolumes()).isGreaterThanOrEqualTo(3000); // at 400 bytes; ~350 measured per volume
        assertThat(health.warning()).isFalse();
        assertThatThrownBy(() -> init.init(loop.loop, loop.vg, 10)).hasMessageContaining("pvcreate"); // already a PV
    }
}
