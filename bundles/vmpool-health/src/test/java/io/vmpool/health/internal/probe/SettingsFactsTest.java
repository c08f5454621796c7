package io.vmpool.health.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettingsFactsTest {

    @Test
    void keyValueLinesSectionsAndCommentsAsAVendorToolWritesThem() {
        SettingsFacts.Result r = SettingsFacts.parse("""
                # exported by the vendor tool
                ; another comment
                [Advanced|Chipset Configuration|North Bridge|Memory Configuration]
                8-DIMM Drive Strength=Normal   // Auto, Normal, Reduced
                Memory Frequency = 1600
                [Boot]
                Quiet Boot: Enabled
                this line is neither
                """, "bios.cfg");

        assertThat(r.facts()).containsExactly(
                org.assertj.core.api.Assertions.entry("setting.Advanced|Chipset Configuration|North Bridge|Memory "
                        + "Configuration/8-DIMM Drive Strength", "Normal"),
                org.assertj.core.api.Assertions.entry("setting.Advanced|Chipset Configuration|North Bridge|Memory "
                        + "Configuration/Memory Frequency", "1600"),
                org.assertj.core.api.Assertions.entry("setting.Boot/Quiet Boot", "Enabled"));
        assertThat(r.problems()).containsExactly("bios.cfg line 8 is not key=value: 'this line is neither'");
    }
}
