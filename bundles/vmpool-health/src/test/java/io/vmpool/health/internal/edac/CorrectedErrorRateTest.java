package io.vmpool.health.internal.edac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.health.internal.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rate calculator fed by real reads of a changing EDAC tree. */
class CorrectedErrorRateTest {
    private static final Instant T0 = Instant.parse("2026-12-01T20:00:00Z");
    private static final DimmId DIMM0 = new DimmId("mc0", "dimm0");
    private static final DimmId DIMM1 = new DimmId("mc0", "dimm1");

    @TempDir
    Path dir;
    private EdacTree tree;
    private EdacReader reader;

    @BeforeEach
    void tree() {
        tree = new EdacTree(dir).controller("mc0", "x", 1, 0, 0)
                .dimm("mc0", "dimm0", "A0", "SECDED", 10, 0)
                .dimm("mc0", "dimm1", "B0", "SECDED", 0, 0);
        reader = new EdacReader(dir);
    }

    private static Duration window(long minutes) {
        return Duration.ofMinutes(Fixtures.edac(Map.of("correctedRateWindowMinutes", minutes))
                .correctedRateWindowMinutes());
    }

    private DimmRate rate(CorrectedErrorRate rates, DimmId id) {
        return rates.rates().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void errorsPerHourOverTheSamples() {
        CorrectedErrorRate rates = new CorrectedErrorRate(window(60));
        rates.add(reader.read(T0));
        tree.dimmCe("mc0", "dimm0", 13);
        rates.add(reader.read(T0.plus(Duration.ofMinutes(15))));
        tree.dimmCe("mc0", "dimm0", 16);
        rates.add(reader.read(T0.plus(Duration.ofMinutes(30))));

        DimmRate rate = rate(rates, DIMM0);
        assertThat(rate.correctedErrors()).isEqualTo(6);
        assertThat(rate.span()).isEqualTo(Duration.ofMinutes(30));
        assertThat(rate.perHour()).isEqualTo(12.0);
        assertThat(rate.label()).isEqualTo("A0");
        assertThat(rate.counterReset()).isFalse();
        assertThat(rate(rates, DIMM1).correctedErrors()).isZero();
    }

    @Test
    void samplesOlderThanTheWindowStopCounting() {
        CorrectedErrorRate rates = new CorrectedErrorRate(window(30));
        rates.add(reader.read(T0));
        tree.dimmCe("mc0", "dimm0", 110);
        rates.add(reader.read(T0.plus(Duration.ofMinutes(10))));
        rates.add(reader.read(T0.plus(Duration.ofMinutes(40))));
        tree.dimmCe("mc0", "dimm0", 112);
        rates.add(reader.read(T0.plus(Duration.ofMinutes(50))));

        DimmRate rate = rate(rates, DIMM0);
        // the window is 20..50; the baseline is the sample at 10 (the newest before it)
        assertThat(rate.correctedErrors()).isEqualTo(2);
        assertThat(rate.span()).isEqualTo(Duration.ofMinutes(40));
    }

    @Test
    void aCounterThatGoesBackwardsIsAResetNotNegativeErrors() {
        CorrectedErrorRate rates = new CorrectedErrorRate(window(60));
        rates.add(reader.read(T0));
        tree.dimmCe("mc0", "dimm0", 3);
        rates.add(reader.read(T0.plus(Duration.ofMinutes(10))));
        tree.dimmCe("mc0", "dimm0", 5);
        rates.add(reader.read(T0.plus(Duration.ofMinutes(20))));

        DimmRate rate = rate(rates, DIMM0);
        assertThat(rate.counterReset()).isTrue();
        assertThat(rate.correctedErrors()).isEqualTo(5);
    }

    @Test
    void aDimmSeenOnceHasNoRateYet() {
        CorrectedErrorRate rates = new CorrectedErrorRate(window(60));
        rates.add(reader.read(T0));

        assertThat(rate(rates, DIMM0).perHour()).isZero();
        assertThat(rate(rates, DIMM0).span()).isZero();
        assertThat(new CorrectedErrorRate(window(60)).rates()).isEmpty();
    }

    @Test
    void samplesOutOfOrderAndAnEmptyWindowAreRefused() {
        CorrectedErrorRate rates = new CorrectedErrorRate(window(60));
        rates.add(reader.read(T0));

        assertThatThrownBy(() -> rates.add(reader.read(T0.minusSeconds(1)))).hasMessageContaining("older");
        assertThatThrownBy(() -> new CorrectedErrorRate(Duration.ZERO))
                .hasMessageContaining("correctedRateWindowMinutes");
    }
}
