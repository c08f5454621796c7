package io.vmpool.health.internal.edac;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.health.internal.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdacReaderTest {
    private static final Instant NOW = Instant.parse("2026-12-01T20:00:00Z");

    @TempDir
    Path dir;

    @Test
    void dimmLayoutOfTwoControllers() {
        EdacTree tree = new EdacTree(dir)
                .controller("mc0", "Skylake Socket#0 IMC#0", 32768, 7, 0)
                .dimm("mc0", "dimm0", "CPU_SrcID#0_MC#0_Chan#0_DIMM#0", "SECDED", 5, 0)
                .dimm("mc0", "dimm1", "CPU_SrcID#0_MC#0_Chan#1_DIMM#0", "SECDED", 2, 0)
                .controller("mc1", "Skylake Socket#0 IMC#1", 16384, 0, 1)
                .dimm("mc1", "dimm0", "CPU_SrcID#0_MC#1_Chan#0_DIMM#0", "S4ECD4ED", 0, 1);

        EdacSample sample = new EdacReader(tree.root()).read(NOW);

        assertThat(sample.problems()).isEmpty();
        assertThat(sample.takenAt()).isEqualTo(NOW);
        assertThat(sample.controllers()).extracting(MemoryControllerCounters::name).containsExactly("mc0", "mc1");
        MemoryControllerCounters mc0 = sample.controllers().get(0);
        assertThat(mc0.mcName()).isEqualTo("Skylake Socket#0 IMC#0");
        assertThat(mc0.sizeMiB()).hasValue(32768);
        assertThat(mc0.correctedCount()).isEqualTo(7);
        assertThat(mc0.uncorrectedCount()).isZero();
        assertThat(mc0.secondsSinceReset()).hasValue(86400);
        DimmCounters dimm = mc0.dimms().get(0);
        assertThat(dimm.id()).isEqualTo(new DimmId("mc0", "dimm0"));
        assertThat(dimm.label()).isEqualTo("CPU_SrcID#0_MC#0_Chan#0_DIMM#0");
        assertThat(dimm.location()).isEqualTo("channel 0 slot 0");
        assertThat(dimm.memType()).isEqualTo("Registered-DDR4");
        assertThat(dimm.edacMode()).isEqualTo("SECDED");
        assertThat(dimm.eccEnabled()).isTrue();
        assertThat(dimm.sizeMiB()).hasValue(16384);
        assertThat(dimm.correctedCount()).isEqualTo(5);
        assertThat(dimm.uncorrectedCount()).hasValue(0);
        assertThat(sample.dimm(new DimmId("mc1", "dimm0")).orElseThrow().uncorrectedCount()).hasValue(1);
    }

    @Test
    void controllersAndDimmsInNumericOrder() {
        EdacTree tree = new EdacTree(dir);
        for (String mc : new String[] {"mc10", "mc2", "mc1"}) {
            tree.controller(mc, "x", 1, 0, 0);
        }
        tree.dimm("mc1", "dimm10", "b", "SECDED", 0, 0).dimm("mc1", "dimm9", "a", "SECDED", 0, 0);

        EdacSample sample = new EdacReader(tree.root()).read(NOW);

        assertThat(sample.controllers()).extracting(MemoryControllerCounters::name).containsExactly("mc1", "mc2", "mc10");
        assertThat(sample.dimms()).extracting(d -> d.id().dimm()).containsExactly("dimm9", "dimm10");
    }

    @Test
    void rankDirectoriesAreReadLikeDimms() {
        EdacTree tree = new EdacTree(dir).controller("mc0", "i5000", 8192, 3, 0)
                .dimm("mc0", "rank0", "Branch 0 Channel 0 Slot 0", "S4ECD4ED", 3, 0);

        assertThat(new EdacReader(tree.root()).read(NOW).dimms()).singleElement()
                .satisfies(d -> assertThat(d.id().dimm()).isEqualTo("rank0"))
                .satisfies(d -> assertThat(d.correctedCount()).isEqualTo(3));
    }

    @Test
    void olderCsrowLayoutGivesOneEntryPerChannel() {
        EdacTree tree = new EdacTree(dir).controller("mc0", "I3200", 8192, 4, 0)
                .csrow("mc0", "csrow0", "SECDED", 3, 1)
                .csrow("mc0", "csrow1", "SECDED", 0, 0);

        EdacSample sample = new EdacReader(tree.root()).read(NOW);

        assertThat(sample.problems()).isEmpty();
        assertThat(sample.dimms()).extracting(d -> d.id().dimm(), DimmCounters::label, DimmCounters::correctedCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("csrow0/ch0", "DIMM_A0", 3L),
                        org.assertj.core.groups.Tuple.tuple("csrow0/ch1", "DIMM_B0", 1L),
                        org.assertj.core.groups.Tuple.tuple("csrow1/ch0", "DIMM_A1", 0L),
                        org.assertj.core.groups.Tuple.tuple("csrow1/ch1", "DIMM_B1", 0L));
        assertThat(sample.dimms().get(0).uncorrectedCount()).isEmpty();
        assertThat(sample.dimms().get(0).edacMode()).isEqualTo("SECDED");
    }

    @Test
    void noEccModeIsNotEnabled() {
        EdacTree tree = new EdacTree(dir).controller("mc0", "ie31200", 8192, 0, 0)
                .dimm("mc0", "dimm0", "", "None", 0, 0)
                .dimm("mc0", "dimm1", "", "Unknown", 0, 0);

        assertThat(new EdacReader(tree.root()).read(NOW).dimms()).noneMatch(DimmCounters::eccEnabled);
    }

    @Test
    void aMissingRootIsAProblemNamingTheSetting() {
        EdacSample sample = new EdacReader(dir.resolve("absent")).read(NOW);

        assertThat(sample.controllers()).isEmpty();
        assertThat(sample.problems()).singleElement().asString().contains("absent").contains("edacRoot");
    }

    @Test
    void theDefaultRootIsTheKernelsOne() {
        assertThat(Fixtures.edac(Map.of("host", "h")).edacRoot()).isEqualTo("/sys/devices/system/edac");
    }

    @Test
    void aGarbledOrMissingCounterIsReportedAndTheRestRead() throws Exception {
        EdacTree tree = new EdacTree(dir).controller("mc0", "x", 1, 9, 0)
                .dimm("mc0", "dimm0", "A", "SECDED", 4, 0)
                .dimm("mc0", "dimm1", "B", "SECDED", 5, 0);
        tree.write(dir.resolve("mc/mc0/dimm0/dimm_ce_count"), "4x");
        Files.delete(dir.resolve("mc/mc0/dimm1/dimm_ue_count"));

        EdacSample sample = new EdacReader(tree.root()).read(NOW);

        assertThat(sample.problems()).hasSize(2)
                .anyMatch(p -> p.contains("not a number") && p.contains("dimm0/dimm_ce_count") && p.contains("'4x'"))
                .anyMatch(p -> p.contains("missing") && p.contains("dimm1/dimm_ue_count"));
        assertThat(sample.dimms()).extracting(DimmCounters::correctedCount).containsExactly(0L, 5L);
        assertThat(sample.controllers().get(0).correctedCount()).isEqualTo(9);
    }
}
