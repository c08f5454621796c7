package io.vmpool.storage.lvm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.InvalidRequestException;
import org.junit.jupiter.api.Test;

class LvNameTest {

    @Test
    void namesAndTagsAVolumeAfterItsMachineAndDisk() {
        LvName n = new LvName("web-1", "disk0");
        assertThat(n.lvName()).isEqualTo("vmpool_web-1_disk0");
        assertThat(n.machineTag()).isEqualTo("vmpool_machine_web-1");
        assertThat(LvName.parse("vmpool_web-1_disk0")).contains(n);
        assertThat(LvName.parse("root")).isEmpty();
        assertThat(LvName.parse("vmpool_Web_disk0")).isEmpty();
        assertThat(LvName.parse("vmpool_x_cdata")).isEmpty(); // would be reserved by lvm
    }

    @Test
    void refusesNamesOutsideTheMachineAndDiskRulesNamingTheRule() {
        assertThatThrownBy(() -> new LvName("Web", "disk0")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("machine 'Web'").hasMessageContaining(LvName.MACHINE_RULE);
        assertThatThrownBy(() -> new LvName("web", "disk_0")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("disk 'disk_0'").hasMessageContaining(LvName.DISK_RULE);
        assertThatThrownBy(() -> new LvName("-web", "d")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new LvName(null, "d")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void refusesLvmsReservedNamePartsSayingWhichAndWhere() {
        assertThatThrownBy(() -> new LvName("web", "rimage1")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'_rimage'").hasMessageContaining("reserves")
                .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("disk"));
        assertThatThrownBy(() -> new LvName("tmeta-box", "d0")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'_tmeta'")
                .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("machine"));
        assertThat(new LvName("meta", "rim").lvName()).isEqualTo("vmpool_meta_rim");
    }

    @Test
    void refusesNamesTooLongForLvmOrDeviceMapperInTheirVolumeGroup() {
        String machine = "a" + "b".repeat(62); // 63, the longest machine name
        LvName longest = new LvName(machine, "d".repeat(16));
        longest.checkFits("vg0"); // 87 + 3: fits
        String vg = "v".repeat(124 - longest.lvName().length());
        longest.checkFits(vg); // exactly 124 together
        assertThatThrownBy(() -> longest.checkFits(vg + "v")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("at most 124 characters");
        LvName dashes = new LvName("a" + "-b".repeat(31), "d0"); // 31 dashes, doubled in the dm name
        assertThatThrownBy(() -> dashes.checkFits("vg-with-dashes-" + "x".repeat(20)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("device-mapper name");
    }

    @Test
    void checksVolumeGroupNamesAgainstLvmsRules() {
        assertThat(LvName.checkVgName("vg_0.a+b-c", "volumeGroup")).isEqualTo("vg_0.a+b-c");
        assertThatThrownBy(() -> LvName.checkVgName("-vg", "volumeGroup")).hasMessageContaining("not starting with '-'");
        assertThatThrownBy(() -> LvName.checkVgName("vg/0", "volumeGroup")).hasMessageContaining(LvmStorageConfig.PID);
        assertThatThrownBy(() -> LvName.checkVgName("..", "volumeGroup")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LvName.checkVgName("", "volumeGroup")).hasMessageContaining("volumeGroup is empty");
    }
}
