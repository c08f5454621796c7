package io.vmpool.lock.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TickingClockTest extends LockTestSupport {

    @Test
    void itIsNeverAheadOfTheSystemClockAndMovesOn() throws Exception {
        try (TickingClock clock = new TickingClock(1000, 1_000_000)) {
            long first = clock.now();
            for (int i = 0; i < 1000; i++) {
                long reading = clock.now();
                assertThat(reading).isLessThanOrEqualTo(System.nanoTime());
            }
            Thread.sleep(20);
            assertThat(clock.now()).isGreaterThan(first);
        }
    }

    @Test
    void afterABurstItStopsAndTheNextReaderReadsTheSystemClockAndWakesIt() throws Exception {
        try (TickingClock clock = new TickingClock(1000, 3)) {
            await("the burst is over", () -> clock.stopped());
            long wakeUps = clock.wakeUps();
            long before = System.nanoTime();
            long reading = clock.now();
            assertThat(reading).as("a stopped clock reads the system clock").isGreaterThanOrEqualTo(before);
            await("the reader woke it", () -> clock.wakeUps() > wakeUps);
        }
    }

    @Test
    void closingStopsTheThread() {
        TickingClock clock = new TickingClock(1000, 5);
        clock.close();
        await("the clock thread ends", () -> !clock.ticking());
    }

    @Test
    void holdTimesAreMeasuredOnItAndTheManagerStopsItsThread() throws Exception {
        LocalLockManager m = manager(Map.of("clockTickMicros", 500L, "tickingClockMinTtlSeconds", 10L));
        TickingClock clock = m.clock();
        assertThat(clock).isNotNull();
        Lease lease = m.acquire(LockRequest.exclusive("machine:web1", "op-1", Duration.ZERO, Duration.ofHours(1)));
        Thread.sleep(60);
        lease.close();

        assertThat(m.stats().maxHold()).isBetween(Duration.ofMillis(40), Duration.ofSeconds(30));
        m.deactivate();
        await("the clock thread ends with the manager", () -> !clock.ticking());
    }

    @Test
    void withTickZeroThereIsNoClockThread() throws Exception {
        LocalLockManager m = manager(Map.of("clockTickMicros", 0L));
        assertThat(m.clock()).isNull();
        m.acquire(LockRequest.exclusive("r", "a", Duration.ZERO, Duration.ofHours(1))).close();
        assertThat(m.stats().granted()).isEqualTo(1);
    }
}
