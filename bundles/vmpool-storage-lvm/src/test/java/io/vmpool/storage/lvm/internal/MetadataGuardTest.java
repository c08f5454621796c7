package io.vmpool.storage.lvm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.LimitExceededException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guard's arithmetic on figures measured with lvm2 2.03.16 (docs/lvm.md). */
class MetadataGuardTest {
    private final List<String> warnings = new ArrayList<>();

    /** A 32768-byte area (usable 15360), as vgs reported it with {@code lvs} LVs and {@code free} bytes free. */
    private static VgInfo small(long lvs, long free) {
        return new VgInfo("vg0", 1L << 30, 1L << 29, 1L << 20, 512, 32768, free, 1, lvs);
    }

    @Test
    void usesTheConfiguredEstimateUntilThereAreVolumesThenUsedPerVolumeUntilTheCountChanges() {
        assertThat(MetadataGuard.usable(32768)).isEqualTo(15360);
        assertThat(MetadataGuard.usable(1044480)).isEqualTo(521216);
        assertThat(new MetadataGuard("p", 2, 400, 25, warnings::add).bytesPerVolume(small(0, 14336))).isEqualTo(400);
        assertThat(new MetadataGuard("p", 2, 400, 25, warnings::add).bytesPerVolume(small(20, 7680)))
                .isEqualTo(384); // (15360 - 7680) / 20
        assertThat(new MetadataGuard("p", 2, 400, 25, warnings::add).bytesPerVolume(small(3, 13312)))
                .isEqualTo(683); // rounded up
    }

    @Test
    void onceTheCountChangedItTakesTheSlopeSoTheVgsOwnMetadataIsNotCountedAgainstTheVolumes() {
        MetadataGuard g = new MetadataGuard("p", 2, 400, 25, warnings::add);
        // a fresh VG: 1024 bytes of its own metadata, no LV (the estimate holds)
        assertThat(g.bytesPerVolume(small(0, 15360 - 1024))).isEqualTo(400);
        // one LV of 356 bytes more: used / LVs would say 1380, the slope says 356
        assertThat(g.bytesPerVolume(small(1, 15360 - 1024 - 356))).isEqualTo(356);
        assertThat(g.bytesPerVolume(small(10, 15360 - 1024 - 3560))).isEqualTo(356);
        // a volume deleted: still the slope
        assertThat(g.bytesPerVolume(small(9, 15360 - 1024 - 3204))).isEqualTo(356);
    }

    @Test
    void reportsHeadroomAsVolumesAndPercent() {
        MetadataHealth h = new MetadataGuard("p", 2, 400, 25, warnings::add).health(small(20, 7680));
        assertThat(h.headroomVolumes()).isEqualTo(20); // 7680 / 384
        assertThat(h.freePercent()).isEqualTo(50);
        assertThat(h.warning()).isFalse();
        assertThat(h.summary()).contains("about 20 more volumes", "50%", "7680 of 15360 bytes", "area 32768 bytes");
        assertThat(warnings).isEmpty();
    }

    @Test
    void warnsOnceOnEnteringTheWarningStateAndAgainAfterLeavingIt() {
        MetadataGuard g = new MetadataGuard("p", 2, 400, 25, warnings::add);
        assertThat(g.health(small(35, 2048)).warning()).isTrue(); // 13% free
        g.health(small(36, 2048));
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("metadataWarnPercent=25", "pvcreate --metadatasize", "--metadataignore y");
        g.health(small(10, 11264)); // volumes deleted
        g.health(small(36, 2048));
        assertThat(warnings).hasSize(2);
    }

    @Test
    void refusesACreateThatWouldLeaveLessThanTheFloorSayingWhatFitsAndWhatToDo() {
        MetadataGuard g = new MetadataGuard("p", 2, 400, 25, warnings::add);
        g.checkCreate(small(37, 1536), "vmpool_a_d0"); // 1536 / 374 = 4 fit, 3 after: allowed
        assertThatThrownBy(() -> g.checkCreate(small(38, 1024), "vmpool_a_d0"))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("refusing to create vg0/vmpool_a_d0")
                .hasMessageContaining("about 2 more volumes")
                .hasMessageContaining("area 32768 bytes")
                .hasMessageContaining("pvcreate --metadatasize")
                .hasMessageContaining("pvchange --metadataignore y")
                .hasMessageContaining("limit metadataFloorVolumes=2, change it in io.vmpool.storage.lvm");
    }

    @Test
    void refusesNonsenseConfigurationNamingTheKey() {
        assertThatThrownBy(() -> new MetadataGuard("p", -1, 400, 25, warnings::add))
                .hasMessageContaining("metadataFloorVolumes");
        assertThatThrownBy(() -> new MetadataGuard("p", 1, 0, 25, warnings::add))
                .hasMessageContaining("metadataInitialBytesPerVolume");
        assertThatThrownBy(() -> new MetadataGuard("p", 1, 400, 101, warnings::add))
                .hasMessageContaining("metadataWarnPercent");
    }
}
