package io.vmpool.hypervisor.libvirt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostFactsTest {

    @Test
    void versionsAreDecodedFromLibvirtsNumbers() {
        assertThat(HostFacts.version(9_000_000)).isEqualTo("9.0.0");
        assertThat(HostFacts.version(8_002_013)).isEqualTo("8.2.13");
    }

    /** The shape virConnectGetSysinfo returns (libvirt's docs, formatdomain "SMBIOS System Information"). */
    @Test
    void sysinfoGivesTheSameKeysAsDmidecodeAndLeavesEmptySlotsOut() {
        String xml = """
                <sysinfo type='smbios'>
                  <bios>
                    <entry name='vendor'>American Megatrends Inc.</entry>
                    <entry name='version'>3.0a</entry>
                    <entry name='date'>05/02/2014</entry>
                    <entry name='release'>4.6</entry>
                  </bios>
                  <system>
                    <entry name='manufacturer'>Supermicro</entry>
                    <entry name='product'>X9DRi-LN4+</entry>
                    <entry name='serial'>0123456789</entry>
                  </system>
                  <baseBoard>
                    <entry name='manufacturer'>Supermicro</entry>
                    <entry name='product'>X9DRi-LN4+</entry>
                    <entry name='version'>REV:1.20A</entry>
                  </baseBoard>
                  <processor>
                    <entry name='version'>Intel(R) Xeon(R) CPU E5-2650 0 @ 2.00GHz</entry>
                  </processor>
                  <memory_device>
                    <entry name='size'>16384 MB</entry>
                    <entry name='locator'>P1-DIMMA1</entry>
                    <entry name='speed'>1600 MHz</entry>
                    <entry name='part_number'>M393B2G70BH0-CK0</entry>
                    <entry name='serial_number'>1234ABCD</entry>
                  </memory_device>
                  <memory_device>
                    <entry name='size'>No Module Installed</entry>
                    <entry name='locator'>P1-DIMMA2</entry>
                  </memory_device>
                </sysinfo>
                """;

        assertThat(HostFacts.sysinfo(xml)).containsExactlyInAnyOrderEntriesOf(java.util.Map.ofEntries(
                java.util.Map.entry("bios.vendor", "American Megatrends Inc."),
                java.util.Map.entry("bios.version", "3.0a"),
                java.util.Map.entry("bios.date", "05/02/2014"),
                java.util.Map.entry("bios.revision", "4.6"),
                java.util.Map.entry("system.manufacturer", "Supermicro"),
                java.util.Map.entry("system.product", "X9DRi-LN4+"),
                java.util.Map.entry("board.manufacturer", "Supermicro"),
                java.util.Map.entry("board.product", "X9DRi-LN4+"),
                java.util.Map.entry("board.version", "REV:1.20A"),
                java.util.Map.entry("cpu.dmi.version", "Intel(R) Xeon(R) CPU E5-2650 0 @ 2.00GHz"),
                java.util.Map.entry("memory.P1-DIMMA1.size", "16384 MB"),
                java.util.Map.entry("memory.P1-DIMMA1.speed", "1600 MHz"),
                java.util.Map.entry("memory.P1-DIMMA1.part", "M393B2G70BH0-CK0"),
                java.util.Map.entry("memory.dimms", "1")));
    }

    @Test
    void aDoctypeIsRefused() {
        assertThatThrownBy(() -> HostFacts.capabilities("<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("libvirt sent XML that does not parse");
    }
}
