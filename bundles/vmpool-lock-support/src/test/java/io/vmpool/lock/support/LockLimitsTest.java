package io.vmpool.lock.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.LimitExceededException;
import io.vmpool.api.lock.LockMode;
import io.vmpool.api.lock.LockRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LockLimitsTest {
    static final String PID = "io.vmpool.lock.test";
    static final Duration DEFAULT_TTL = Duration.ofSeconds(60);

    static LockLimits none() {
        return new LockLimits(PID, 0, 0, 0, 0, 0, DEFAULT_TTL);
    }

    @Test
    void offLimitsLetEverythingThrough() {
        LockLimits l = none();
        l.checkRequest(request(Duration.ofDays(3650), Duration.ofDays(3650)));
        l.checkWaiters("r", 1_000_000);
        assertThat(l.renewal("r", Duration.ofDays(3650))).isEqualTo(Duration.ofDays(3650));
    }

    @Test
    void aLongerLeaseThanMaxTtlIsRefused() {
        LockLimits l = new LockLimits(PID, 0, 0, 0, 60, 0, DEFAULT_TTL);
        l.checkRequest(request(Duration.ZERO, Duration.ofSeconds(60)));

        assertThatThrownBy(() -> l.checkRequest(request(Duration.ZERO, Duration.ofSeconds(61))))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertLimit(e, "maxTtlSeconds", 60))
                .hasMessageContaining("a lease of 61 s on 'machine:a' is longer than allowed");
        assertThatThrownBy(() -> l.checkRequest(request(Duration.ZERO, Duration.ofMillis(60_500))))
                .as("a fraction over the limit reads as more than it").hasMessageContaining("60500 ms");
        assertThatThrownBy(() -> l.renewal("machine:a", Duration.ofSeconds(61)))
                .isInstanceOf(LimitExceededException.class);
    }

    @Test
    void aLongerWaitThanMaxWaitIsRefused() {
        LockLimits l = new LockLimits(PID, 0, 0, 0, 0, 5, DEFAULT_TTL);
        l.checkRequest(request(Duration.ofSeconds(5), Duration.ofDays(1)));
        l.checkRequest(request(Duration.ZERO, Duration.ofDays(1)));

        assertThatThrownBy(() -> l.checkRequest(request(Duration.ofMillis(5_001), Duration.ofDays(1))))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertLimit(e, "maxWaitSeconds", 5))
                .hasMessageContaining("'op-1' asked to wait up to 5001 ms for lock 'machine:a'");
    }

    @Test
    void oneWaiterTooManyIsRefused() {
        LockLimits l = new LockLimits(PID, 0, 0, 2, 0, 0, DEFAULT_TTL);
        l.checkWaiters("r", 1);

        assertThatThrownBy(() -> l.checkWaiters("r", 2))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertLimit(e, "maxWaitersPerResource", 2))
                .hasMessageContaining("2 requests already wait for lock 'r'");
    }

    @Test
    void aRenewWithoutTimeGetsTheDefault() {
        assertThat(none().renewal("r", null)).isEqualTo(DEFAULT_TTL);
        assertThatThrownBy(() -> none().renewal("r", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl must be > 0, was PT0S");
    }

    @Test
    void badValuesAreRefusedNamingKeyAndPid() {
        assertThatThrownBy(() -> new LockLimits(PID, -1, 0, 0, 0, 0, DEFAULT_TTL))
                .hasMessage("maxLocksPerOwner must be >= 0, is -1 (fix it in " + PID + ")");
        assertThatThrownBy(() -> new LockLimits(PID, 0, -1, 0, 0, 0, DEFAULT_TTL)).hasMessageContaining("maxLocksPerNode");
        assertThatThrownBy(() -> new LockLimits(PID, 0, 0, -1, 0, 0, DEFAULT_TTL))
                .hasMessageContaining("maxWaitersPerResource");
        assertThatThrownBy(() -> new LockLimits(PID, 0, 0, 0, -1, 0, DEFAULT_TTL)).hasMessageContaining("maxTtlSeconds");
        assertThatThrownBy(() -> new LockLimits(PID, 0, 0, 0, 0, -1, DEFAULT_TTL)).hasMessageContaining("maxWaitSeconds");
        assertThatThrownBy(() -> new LockLimits(PID, 0, 0, 0, 0, 0, Duration.ZERO))
                .hasMessageContaining("defaultTtlSeconds must be >= 1");
        assertThatThrownBy(() -> new LockLimits(PID, 0, 0, 0, 30, 0, DEFAULT_TTL))
                .hasMessage("defaultTtlSeconds (60) must not pass maxTtlSeconds (30) (fix it in " + PID + ")");
    }

    static void assertLimit(LimitExceededException e, String limit, long value) {
        assertThat(e.limit()).isEqualTo(limit);
        assertThat(e.value()).isEqualTo(value);
        assertThat(e.pid()).isEqualTo(PID);
        assertThat(e).hasMessageContaining("(limit " + limit + "=" + value + ", change it in " + PID + ")");
    }

    private static LockRequest request(Duration maxWait, Duration ttl) {
        return new LockRequest("machine:a", LockMode.EXCLUSIVE, "op-1", maxWait, ttl);
    }
}
