package io.vmpool.health.internal.edac;

import static io.vmpool.api.health.Signal.CORRECTED_ERROR;
import static io.vmpool.api.health.Signal.CORRECTED_RATE_HIGH;
import static io.vmpool.api.health.Signal.NOTICE;
import static io.vmpool.api.health.Signal.UNCORRECTED_ERROR;
import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.api.health.HealthObservation;
import io.vmpool.api.health.Signal;
import io.vmpool.health.internal.Fixtures;
import io.vmpool.health.internal.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EDAC collector polling temp trees laid out as the kernel's, with a test clock. */
class EdacCollectorTest {
    private static final Instant T0 = Instant.parse("2026-12-01T20:00:00Z");

    @TempDir
    Path dir;
    private EdacTree tree;
    private final MutableClock clock = new MutableClock(T0);
    private final List<HealthObservation> seen = new ArrayList<>();

    @BeforeEach
    void tree() {
        tree = new EdacTree(dir).controller("mc0", "Skylake Socket#0 IMC#0", 65536, 0, 0)
                .dimm("mc0", "dimm0", "CPU_SrcID#0_MC#0_Chan#0_DIMM#0", "SECDED", 0, 0)
                .dimm("mc0", "dimm1", "CPU_SrcID#0_MC#0_Chan#1_DIMM#0", "SECDED", 0, 0);
    }

    private EdacCollector collector(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("host", "h1", "edacRoot", dir.toString()));
        config.putAll(overrides);
        return new EdacCollector(seen::add, Fixtures.edac(config), clock);
    }

    private void counts(long mcCe, long dimm0Ce, long mcUe, long dimm0Ue) {
        tree.write(dir.resolve("mc/mc0/ce_count"), Long.toString(mcCe));
        tree.write(dir.resolve("mc/mc0/dimm0/dimm_ce_count"), Long.toString(dimm0Ce));
        tree.write(dir.resolve("mc/mc0/ue_count"), Long.toString(mcUe));
        tree.write(dir.resolve("mc/mc0/dimm0/dimm_ue_count"), Long.toString(dimm0Ue));
    }

    private List<Signal> signals() {
        return seen.stream().map(HealthObservation::signal).toList();
    }

    private void poll(EdacCollector c, Duration after) {
        clock.advance(after);
        c.poll();
    }

    @Test
    void growingCountersAreCorrectedAndUncorrectedErrors() {
        EdacCollector c = collector(Map.of());
        c.poll();
        assertThat(seen).as("a clean first sample is only the baseline").isEmpty();

        counts(3, 3, 0, 0);
        poll(c, Duration.ofMinutes(1));
        assertThat(signals()).containsExactly(CORRECTED_ERROR);
        HealthObservation ce = seen.get(0);
        assertThat(ce.host()).isEqualTo("h1");
        assertThat(ce.source()).isEqualTo("edac");
        assertThat(ce.at()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertThat(ce.summary()).isEqualTo("mc0: 3 new corrected memory error(s), ce_count 0 -> 3; "
                + "dimm0 'CPU_SrcID#0_MC#0_Chan#0_DIMM#0' +3");
        assertThat(ce.evidence()).containsExactly("mc0/ce_count: 3 (was 0)", "mc0/dimm0/dimm_ce_count: 3 (was 0)");

        poll(c, Duration.ofMinutes(1));
        assertThat(seen).as("nothing new").hasSize(1);

        counts(3, 3, 1, 1);
        poll(c, Duration.ofMinutes(1));
        assertThat(signals()).containsExactly(CORRECTED_ERROR, UNCORRECTED_ERROR);
        assertThat(seen.get(1).summary()).isEqualTo("mc0: 1 new uncorrected memory error(s), ue_count 0 -> 1; "
                + "dimm0 'CPU_SrcID#0_MC#0_Chan#0_DIMM#0' +1");
    }

    @Test
    void aResetCounterCountsItsNewValueAndAResetToZeroIsANotice() {
        counts(50, 50, 0, 0);
        EdacCollector c = collector(Map.of());
        c.poll();
        assertThat(signals()).containsExactly(NOTICE);
        assertThat(seen.get(0).summary()).startsWith("mc0 had 50 corrected and 0 uncorrected errors when first read");

        counts(0, 0, 0, 0);
        poll(c, Duration.ofMinutes(1));
        assertThat(signals()).containsExactly(NOTICE, NOTICE);
        assertThat(seen.get(1).summary()).isEqualTo("mc0: counters reset (ce_count 50 -> 0, ue_count 0 -> 0)");

        counts(60, 60, 0, 0);
        poll(c, Duration.ofMinutes(1));
        counts(2, 2, 0, 0); // reset and two new errors since
        poll(c, Duration.ofMinutes(1));
        assertThat(seen.get(seen.size() - 1).signal()).isEqualTo(CORRECTED_ERROR);
        assertThat(seen.get(seen.size() - 1).summary()).startsWith("mc0: 2 new corrected memory error(s), ce_count 60 -> 2 "
                + "(counters reset since the last read)");
    }

    @Test
    void aDimmOverTheRateIsReportedOnceUntilItFallsBelow() {
        EdacCollector c = collector(Map.of("correctedRateWindowMinutes", 60L, "correctedPerHourThreshold", 10.0));
        c.poll();
        counts(10, 10, 0, 0);
        poll(c, Duration.ofMinutes(10));
        assertThat(signals()).containsExactly(CORRECTED_ERROR);

        counts(11, 11, 0, 0);
        poll(c, Duration.ofMinutes(10));
        assertThat(signals()).containsExactly(CORRECTED_ERROR, CORRECTED_ERROR, CORRECTED_RATE_HIGH);
        assertThat(seen.get(2).summary()).isEqualTo("DIMM mc0/dimm0 'CPU_SrcID#0_MC#0_Chan#0_DIMM#0': 11 corrected "
                + "errors in the last 60 min (11.0 per hour), over correctedPerHourThreshold=10.0 (io.vmpool.health.edac)");

        counts(12, 12, 0, 0);
        poll(c, Duration.ofMinutes(10));
        assertThat(signals()).as("still over: not again").containsExactly(CORRECTED_ERROR, CORRECTED_ERROR,
                CORRECTED_RATE_HIGH, CORRECTED_ERROR);

        poll(c, Duration.ofMinutes(120)); // the errors slide out of the window
        counts(23, 23, 0, 0);
        poll(c, Duration.ofMinutes(10));
        assertThat(seen.get(seen.size() - 1).signal()).as("over again").isEqualTo(CORRECTED_RATE_HIGH);
    }

    @Test
    void aMissingTreeIsANoticeOnceAndTheCollectorGoesOn() {
        EdacCollector c = new EdacCollector(seen::add, Fixtures.edac(Map.of("host", "h1",
                "edacRoot", dir.resolve("absent").toString())), clock);
        c.poll();
        c.poll();
        assertThat(signals()).containsExactly(NOTICE);
        assertThat(seen.get(0).summary()).contains("is not a directory").contains("io.vmpool.health.edac edacRoot");
    }
}
