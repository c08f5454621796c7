package io.vmpool.health.internal.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Corrected records per window: over the threshold once per crossing, and the window slides. */
class CorrectedRecordRateTest {
    private static final Instant T0 = Instant.parse("2026-12-01T20:00:00Z");

    @Test
    void reportsEachCrossingOnce() {
        CorrectedRecordRate rate = new CorrectedRecordRate(Duration.ofMinutes(60), 10);
        for (int i = 0; i < 10; i++) {
            assertThat(rate.add(T0.plus(Duration.ofMinutes(i)))).as("record %d", i + 1).isFalse();
        }
        assertThat(rate.add(T0.plus(Duration.ofMinutes(10)))).as("the 11th in an hour").isTrue();
        assertThat(rate.add(T0.plus(Duration.ofMinutes(11)))).as("still over: not again").isFalse();
        assertThat(rate.count()).isEqualTo(12);

        assertThat(rate.add(T0.plus(Duration.ofMinutes(200)))).as("the window slid past the others").isFalse();
        assertThat(rate.count()).isEqualTo(1);
        for (int i = 1; i < 10; i++) {
            rate.add(T0.plus(Duration.ofMinutes(200 + i)));
        }
        assertThat(rate.add(T0.plus(Duration.ofMinutes(210)))).as("over again").isTrue();
    }

    @Test
    void aRecordAWindowOldNoLongerCounts() {
        CorrectedRecordRate rate = new CorrectedRecordRate(Duration.ofMinutes(60), 0.5);
        assertThat(rate.add(T0)).isTrue();
        assertThat(rate.add(T0.plus(Duration.ofMinutes(60)))).isFalse();
        assertThat(rate.count()).isEqualTo(1);
        assertThat(rate.perHour()).isEqualTo(1.0);
    }
}
