package io.vmpool.core.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.health.Alert;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.MachineSpec;
import io.vmpool.api.machine.NoCapacityException;
import io.vmpool.core.internal.RealPool;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unmet demand digest over the real core and inventory. */
class DemandDigestTest {
    private static final Caller BOB = Caller.of("bob", "vmpool-user");

    @TempDir
    Path dir;
    private RealPool pool;
    private WaitingList list;
    private DemandDigest digest;
    /** The real clock: refusals are recorded at the real time too. */
    private final java.time.Clock clock = java.time.Clock.systemUTC();
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        digest.deactivate();
        list.deactivate();
        pool.close();
    }

    private void pool(Map<String, Object> config, long... hostMiB) throws Exception {
        pool = new RealPool(dir, config, hostMiB);
        list = new WaitingList(pool.machines, pool.machines, pool.machines, pool.inventory, RealPool.coreConfig(config), clock, false);
        digest = new DemandDigest(pool.inventory, RealPool.coreConfig(config), clock, false);
        digest.addSink(alerts::add);
    }

    @Test
    void oneDigestCountsTheRefusalsTheWaitingTheMemoryShortAndTheLargest() throws Exception {
        pool(Map.of(), 4096); // 3,584 MiB free
        pool.machines.create(new MachineSpec("a1", 3000, 1, 1, null), BOB); // 584 left
        assertThat(digest.send()).isFalse(); // no unmet demand yet: nothing sent
        assertThatThrownBy(() -> pool.machines.create(new MachineSpec("x1", 1000, 1, 1, null), BOB))
                .isInstanceOf(NoCapacityException.class);
        assertThatThrownBy(() -> pool.machines.create(new MachineSpec("x2", 2000, 1, 1, null), BOB))
                .isInstanceOf(NoCapacityException.class);
        list.submit(new MachineSpec("w1", 3500, 1, 1, null), BOB);
        assertThat(digest.send()).isTrue();

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.host()).isEqualTo("pool");
            assertThat(a.cause()).isEqualTo("demand.digest");
            assertThat(a.count()).isEqualTo(3);
            // missing: 1000-584, 2000-584, 3500-584
            assertThat(a.summary()).contains("3 create(s) refused", "1 waiting", "memory short " + (416 + 1416 + 2916)
                    + " MiB", "largest request 3500 MiB (w1 of bob, waiting)");
            assertThat(a.evidence()).anyMatch(e -> e.contains("refused x1 of bob: 1000 MiB, 416 MiB missing"));
        });
    }

    @Test
    void theNextDigestHoldsOnlyWhatCameAfterAndNoneIsSentWhenThereIsNothing() throws Exception {
        pool(Map.of(), 4096);
        QueuedRequestHolder.submit(list, "w1", 6000);
        assertThat(digest.send()).isTrue();
        alerts.clear();

        list.cancel(list.list(Caller.of("root", "vmpool-admin")).get(0).id(), BOB);
        assertThat(digest.send()).isFalse();
        assertThat(alerts).isEmpty();

        // after a restart of the component the last digest still marks where the window starts
        DemandDigest restarted = new DemandDigest(pool.inventory, RealPool.coreConfig(Map.of()), clock, false);
        try {
            restarted.addSink(alerts::add);
            assertThat(restarted.send()).isFalse();
            assertThatThrownBy(() -> pool.machines.create(new MachineSpec("x3", 9000, 1, 1, null), BOB))
                    .isInstanceOf(NoCapacityException.class);
            assertThat(restarted.send()).isTrue();
            assertThat(alerts).singleElement().satisfies(a -> assertThat(a.summary()).startsWith("1 create(s) refused"));
        } finally {
            restarted.deactivate();
        }
    }

    /** Submits a request the one host cannot take. */
    private static final class QueuedRequestHolder {
        static void submit(WaitingList list, String name, long memoryMiB) {
            assertThat(list.submit(new MachineSpec(name, memoryMiB, 1, 1, null), BOB).isQueued()).isTrue();
        }
    }
}
