package io.vmpool.lock.support;

import static io.vmpool.lock.support.LockLimitsTest.PID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.LimitExceededException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LockSlotsTest {

    private static LockLimits limits(int perOwner, int perNode) {
        return new LockLimits(PID, perOwner, perNode, 0, 0, 0, Duration.ofSeconds(60));
    }

    @Test
    void anOwnerAtItsLimitIsRefusedOthersAreNot() {
        LockSlots slots = new LockSlots("node-a");
        LockLimits l = limits(2, 0);
        slots.take("op-1", l);
        slots.take("op-1", l);

        assertThatThrownBy(() -> slots.take("op-1", l))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> LockLimitsTest.assertLimit(e, "maxLocksPerOwner", 2))
                .hasMessageContaining("owner 'op-1' already holds or waits for 2 locks");
        slots.take("op-2", l);
        assertThat(slots.count("op-1")).isEqualTo(2);
        assertThat(slots.total()).isEqualTo(3);

        slots.give("op-1");
        slots.take("op-1", l);
    }

    @Test
    void theNodeAtItsLimitRefusesEveryOwnerAndTakesNothing() {
        LockSlots slots = new LockSlots("node-a");
        LockLimits l = limits(0, 2);
        slots.take("op-1", l);
        slots.take("op-2", l);

        assertThatThrownBy(() -> slots.take("op-3", l))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> LockLimitsTest.assertLimit(e, "maxLocksPerNode", 2))
                .hasMessageContaining("node 'node-a' already holds or waits for 2 locks");
        assertThat(slots.count("op-3")).as("a refused request keeps no owner slot").isZero();
        assertThat(slots.total()).isEqualTo(2);

        slots.give("op-1");
        slots.take("op-3", l);
        assertThat(slots.total()).isEqualTo(2);
    }

    @Test
    void anOwnerWithNoLockHasNoEntry() {
        LockSlots slots = new LockSlots("node-a");
        slots.take("op-1", limits(0, 0));
        slots.give("op-1");

        assertThat(slots.count("op-1")).isZero();
        assertThat(slots.total()).isZero();
    }

    @Test
    void theNodeLimitHoldsUnderConcurrency() throws Exception {
        LockSlots slots = new LockSlots("node-a");
        LockLimits l = limits(0, 5);
        AtomicInteger inUse = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String owner = "op-" + t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        try {
                            slots.take(owner, l);
                        } catch (LimitExceededException full) {
                            continue;
                        }
                        most.accumulateAndGet(inUse.incrementAndGet(), Math::max);
                        inUse.decrementAndGet();
                        slots.give(owner);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(most.get()).isBetween(1, 5);
        assertThat(slots.total()).isZero();
    }

    @Test
    void slotsOnMetricsCellsCountTheNodeAndLeaveTheStatsAlone() {
        LockMetrics metrics = new LockMetrics();
        LockSlots slots = new LockSlots("node-a", metrics);
        CounterCell cell = metrics.cell();
        assertThat(slots.takeOwnerIfLimited("op-1", limits(0, 2), cell)).isFalse();
        assertThat(slots.takeOwnerIfLimited("op-2", limits(0, 2), null)).isFalse();
        metrics.granted(cell, 0);

        assertThatThrownBy(() -> slots.takeOwnerIfLimited("op-3", limits(0, 2), cell))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> LockLimitsTest.assertLimit(e, "maxLocksPerNode", 2));
        assertThat(slots.total()).isEqualTo(2);
        assertThat(metrics.snapshot().held()).isEqualTo(1);

        slots.give("op-1", false, cell);
        metrics.holdEnded(cell, 5);
        slots.give("op-2", false);
        assertThat(slots.total()).isZero();
        assertThat(metrics.snapshot().held()).isZero();
        assertThat(metrics.snapshot().granted()).isEqualTo(1);
    }
}
