package io.vmpool.lock.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.api.lock.LockStats;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LockMetricsTest {

    @Test
    void aFreshManagerCountsNothing() {
        assertThat(new LockMetrics().snapshot()).isEqualTo(new LockStats(0, 0, 0, 0, 0, 0, Duration.ZERO,
                Duration.ZERO, Duration.ZERO, Duration.ZERO));
    }

    @Test
    void countsGrantsHoldsWaitsAndRefusals() {
        LockMetrics m = new LockMetrics();
        m.granted(0);
        m.granted(4_000_000);
        m.granted(2_000_000);
        m.holdEnded(10_000_000);
        m.startedWaiting();
        m.startedWaiting();
        m.stoppedWaiting();
        m.timedOut();
        m.lapsed();
        m.deadlock();
        m.deadlock();

        LockStats s = m.snapshot();

        assertThat(s.held()).isEqualTo(2);
        assertThat(s.waiting()).isEqualTo(1);
        assertThat(s.granted()).isEqualTo(3);
        assertThat(s.timedOut()).isEqualTo(1);
        assertThat(s.lapsed()).isEqualTo(1);
        assertThat(s.deadlocks()).isEqualTo(2);
        assertThat(s.meanWait()).isEqualTo(Duration.ofMillis(2));
        assertThat(s.maxWait()).isEqualTo(Duration.ofMillis(4));
        assertThat(s.meanHold()).isEqualTo(Duration.ofMillis(10));
        assertThat(s.maxHold()).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void maximaOnlyGrow() {
        LockMetrics m = new LockMetrics();
        m.granted(5);
        m.granted(3);
        m.holdEnded(7);
        m.holdEnded(1);

        assertThat(m.snapshot().maxWait()).isEqualTo(Duration.ofNanos(5));
        assertThat(m.snapshot().maxHold()).isEqualTo(Duration.ofNanos(7));
    }
}
