package io.vmpool.health.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** On real dmidecode 3.4 output from QEMU guests with planted SMBIOS values (make-dmidecode-fixtures.sh). */
class DmidecodeFactsTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @Test
    void biosSystemBoardProcessorsAndDimmsAreRead() throws Exception {
        DmidecodeFacts.Result r = DmidecodeFacts.parse(Files.readString(FIXTURES.resolve("dmidecode-qemu-a.txt")));

        assertThat(r.problems()).isEmpty();
        assertThat(r.facts()).contains(
                entry("bios.vendor", "American Megatrends Inc."), entry("bios.version", "2.0b"),
                entry("bios.date", "09/17/2012"), entry("bios.revision", "4.6"),
                entry("system.manufacturer", "Supermicro"), entry("system.product", "SYS-6027R-TRF"),
                entry("board.manufacturer", "Supermicro"), entry("board.product", "X9DRi-LN4+"),
                entry("board.version", "REV:1.20A"),
                entry("cpu.sockets", "2"), entry("cpu.dmi.version", "Intel(R) Xeon(R) CPU E5-2650 0 @ 2.00GHz"),
                entry("memory.dimms", "4"), entry("memory.totalMiB", Long.toString(64 * 1024)),
                entry("memory.DIMM 0.size", "16 GB"), entry("memory.DIMM 0.speed", "1600 MT/s"),
                entry("memory.DIMM 0.configuredSpeed", "1600 MT/s"), entry("memory.DIMM 3.part", "M393B2G70BH0-CK0"));
        // what differs between any two hosts is left out
        assertThat(r.facts().keySet()).noneMatch(k -> k.contains("serial") || k.contains("uuid"));
        assertThat(r.facts().values()).doesNotContain("VMPOOLQEMU0001", "4c4c4544-0051-3510-8057-b4c04f563132");
    }

    @Test
    void thePlantedDifferencesAreTheOnlyOnes() throws Exception {
        var a = DmidecodeFacts.parse(Files.readString(FIXTURES.resolve("dmidecode-qemu-a.txt"))).facts();
        var b = DmidecodeFacts.parse(Files.readString(FIXTURES.resolve("dmidecode-qemu-b.txt"))).facts();

        var differing = a.keySet().stream().filter(k -> !a.get(k).equals(b.get(k))).toList();
        assertThat(differing).containsExactlyInAnyOrder("bios.version", "bios.date",
                "memory.DIMM 0.speed", "memory.DIMM 0.configuredSpeed", "memory.DIMM 0.part",
                "memory.DIMM 1.speed", "memory.DIMM 1.configuredSpeed", "memory.DIMM 1.part",
                "memory.DIMM 2.speed", "memory.DIMM 2.configuredSpeed", "memory.DIMM 2.part",
                "memory.DIMM 3.speed", "memory.DIMM 3.configuredSpeed", "memory.DIMM 3.part");
        assertThat(b.keySet()).isEqualTo(a.keySet());
    }

    @Test
    void truncatedOutputGivesWhatItHasAndGarbageIsAProblem() throws Exception {
        String whole = Files.readString(FIXTURES.resolve("dmidecode-qemu-a.txt"));
        // cut in the middle of the first memory device
        String cut = whole.substring(0, whole.indexOf("Locator: DIMM 0"));
        DmidecodeFacts.Result r = DmidecodeFacts.parse(cut);
        assertThat(r.facts()).containsEntry("bios.version", "2.0b").containsEntry("memory.dimms", "1")
                .doesNotContainKey("memory.DIMM 0.size");

        DmidecodeFacts.Result garbage = DmidecodeFacts.parse("/dev/mem: No such file or directory\n");
        assertThat(garbage.facts()).isEmpty();
        assertThat(garbage.problems()).singleElement().asString().startsWith("no DMI structure in the output");
    }

    @Test
    void sizesInEveryUnitDmidecodeWrites() {
        assertThat(DmidecodeFacts.mebibytes("16384 MB")).isEqualTo(16384);
        assertThat(DmidecodeFacts.mebibytes("16 GB")).isEqualTo(16384);
        assertThat(DmidecodeFacts.mebibytes("1 TB")).isEqualTo(1024 * 1024);
        assertThat(DmidecodeFacts.mebibytes("No Module Installed")).isZero();
    }
}
