package io.vmpool.core.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.Event;
import io.vmpool.api.health.Alert;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.MachineSpec;
import io.vmpool.core.internal.RealPool;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capacity alerts once per crossing, over the real core. */
class CapacityAlertsTest {
    private static final Caller BOB = Caller.of("bob", "vmpool-user");

    @TempDir
    Path dir;
    private RealPool pool;
    private CapacityAlerts capacity;
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        if (capacity != null) {
            capacity.deactivate();
        }
        if (pool != null) {
            pool.close();
        }
    }

    private void pool(Map<String, Object> config, long... hostMiB) throws Exception {
        pool = new RealPool(dir, config, hostMiB);
        capacity = new CapacityAlerts(pool.machines, pool.inventory, RealPool.coreConfig(config), false);
        capacity.addSink(alerts::add);
    }

    @Test
    void eachThresholdAlertsOncePerCrossingAndIsReArmedAboveIt() throws Exception {
        pool(Map.of("capacityAlertFreePercent", 50, "capacityAlertLargestMiB", 4000), 8192); // 7,680 MiB after reserve
        assertThat(capacity.check()).isZero();

        pool.machines.create(new MachineSpec("a1", 4096, 1, 1, null), BOB); // 3,584 free: 46 %, largest 3,584
        assertThat(capacity.check()).isEqualTo(2);
        assertThat(capacity.check()).isZero();
        assertThat(alerts).extracting(Alert::cause).containsExactly("capacity.free-percent", "capacity.largest");
        assertThat(alerts.get(0).summary()).contains("free memory 46% is below 50%", "3584 MiB free of 7680 MiB",
                "capacityAlertFreePercent in io.vmpool.core");
        assertThat(alerts.get(1).summary()).contains("3584 MiB, is below 4000 MiB");

        pool.machines.delete("a1", BOB);
        assertThat(capacity.check()).isZero();
        assertThat(pool.inventory.events(CapacityAlerts.SUBJECT, 1)).extracting(Event::type)
                .containsExactly("capacity.recovered");
        pool.machines.create(new MachineSpec("a2", 4096, 1, 1, null), BOB);
        assertThat(capacity.check()).isEqualTo(2);
        assertThat(alerts).hasSize(4);
    }

    @Test
    void aCreateOrDeleteTriggersTheCheck() throws Exception {
        pool(Map.of("capacityAlertFreePercent", 50), 8192);
        pool.listen(capacity);

        pool.machines.create(new MachineSpec("a1", 4096, 1, 1, null), BOB);

        WaitingListTest.waitFor(() -> alerts.size() == 1, "the free-percent alert");
    }

    @Test
    void aPoolWithNoHostYetIsNotJudged() throws Exception {
        pool(Map.of("capacityAlertFreePercent", 50));

        assertThat(capacity.check()).isZero();
        pool.addHost("host1", 8192);
        pool.machines.create(new MachineSpec("a1", 7000, 1, 1, null), BOB);
        assertThat(capacity.check()).isEqualTo(1);
    }

    @Test
    void offByDefaultAndABadThresholdStopsTheComponentNamingTheKey() throws Exception {
        pool(Map.of(), 8192);
        pool.machines.create(new MachineSpec("a1", 7000, 1, 1, null), BOB);
        assertThat(capacity.check()).isZero();

        assertThatThrownBy(() -> new CapacityAlerts(pool.machines, pool.inventory,
                RealPool.coreConfig(Map.of("capacityAlertFreePercent", 101)), false))
                .hasMessageContaining("capacityAlertFreePercent must be 0..100").hasMessageContaining("io.vmpool.core");
    }
}
