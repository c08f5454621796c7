package io.vmpool.lock.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.LimitExceededException;
import io.vmpool.api.lock.LockRequest;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HeapGuardTest extends LockTestSupport {
    private static final long MIB = 1024 * 1024;
    private static final LockRequest REQUEST = LockRequest.exclusive("machine:web1", "op-1", Duration.ZERO, TTL);

    private final AtomicReference<MemoryUsage> lastCollection = new AtomicReference<>(used(100));
    private final HeapGuard guard = new HeapGuard(5, "test pool", 1000 * MIB, lastCollection::get, null);

    private static MemoryUsage used(long mib) {
        return new MemoryUsage(0, mib * MIB, 1000 * MIB, 1000 * MIB);
    }

    @Test
    void aCollectionLeavingLessThanTheMinimumFreeRefusesNewLocksUntilALaterOneFreesEnough() {
        assertThatCode(() -> guard.check(REQUEST)).doesNotThrowAnyException();

        lastCollection.set(used(960));
        guard.collected(used(960));

        assertThat(guard.nearlyFull()).isTrue();
        assertThatThrownBy(() -> guard.check(REQUEST))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("minFreeHeapPercent");
                    assertThat(e.value()).isEqualTo(5);
                    assertThat(e.pid()).isEqualTo("io.vmpool.lock.local");
                })
                .hasMessageContaining("heap nearly full: 40 MiB free of 1000 MiB")
                .hasMessageContaining("machine:web1").hasMessageContaining("minFreeHeapPercent=5");

        lastCollection.set(used(700)); // a later collection freed enough
        assertThatCode(() -> guard.check(REQUEST)).doesNotThrowAnyException();
        assertThat(guard.nearlyFull()).isFalse();
    }

    @Test
    void enoughFreeAfterACollectionIsNoReason() {
        guard.collected(used(900));
        assertThat(guard.nearlyFull()).isFalse();
    }

    @Test
    void offAtZero() throws Exception {
        LocalLockManager m = manager(Map.of("minFreeHeapPercent", 0));
        m.heapGuard().collected(used(999));
        assertThat(m.heapGuard().nearlyFull()).isFalse();
        assertThat(exclusive(m, "r", "a").isValid()).isTrue();
    }

    @Test
    void aManagerWhoseGuardTrippedRefusesNewLocksButReleasesHeldOnes() throws Exception {
        LocalLockManager m = manager(Map.of("minFreeHeapPercent", 50));
        var held = exclusive(m, "r1", "a");
        m.heapGuard().collected(new MemoryUsage(0, Long.MAX_VALUE / 2, Long.MAX_VALUE / 2, Long.MAX_VALUE / 2));

        assertThat(m.heapGuard().nearlyFull()).isTrue();
        // the real pool's last collection left far more than half free: the next request clears the flag
        assertThat(exclusive(m, "r2", "a").isValid()).isTrue();
        assertThat(m.heapGuard().nearlyFull()).isFalse();
        held.close();
        assertThat(m.stats().held()).isEqualTo(1);
    }

    @Test
    void aPercentOfHundredOrMoreIsABadConfiguration() {
        assertThatThrownBy(() -> manager(Map.of("minFreeHeapPercent", 100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minFreeHeapPercent").hasMessageContaining("io.vmpool.lock.local");
    }
}
