package io.vmpool.lock.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TermTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aTermEndsTtlAfterItsStartOnBothClocks() {
        Term t = Term.from(1_000, NOW, Duration.ofSeconds(2));

        assertThat(t.deadlineNanos()).isEqualTo(1_000 + 2_000_000_000L);
        assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(2));
        assertThat(t.lapsed(t.deadlineNanos() - 1)).isFalse();
        assertThat(t.lapsed(t.deadlineNanos())).isTrue();
        assertThat(t.nanosLeft(t.deadlineNanos() - 5)).isEqualTo(5);
        assertThat(t.nanosLeft(t.deadlineNanos() + 5)).isZero();
    }

    @Test
    void foreverDoesNotOverflow() {
        long now = Long.MAX_VALUE - 10; // nanoTime may be anywhere, even near the end of its range
        Term t = Term.from(now, NOW, Duration.ofSeconds(Long.MAX_VALUE));

        assertThat(t.lapsed(now)).isFalse();
        assertThat(t.lapsed(now + Nanos.of(Duration.ofDays(365 * 50)))).isFalse();
        assertThat(t.expiresAt()).isAfter(NOW.plus(Duration.ofDays(365 * 70)));
    }

    @Test
    void nanosCapLongDurations() {
        assertThat(Nanos.of(Duration.ofMillis(3))).isEqualTo(3_000_000);
        assertThat(Nanos.of(Duration.ofDays(365L * 1000))).isEqualTo(Long.MAX_VALUE / 4);
        assertThat(Nanos.plus(NOW, Duration.ofSeconds(1))).isEqualTo(NOW.plusSeconds(1));
        assertThat(Nanos.toMillis(2_999_999)).isEqualTo(2);
    }
}
