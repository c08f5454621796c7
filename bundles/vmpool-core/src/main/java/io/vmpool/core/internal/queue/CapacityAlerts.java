package io.vmpool.core.internal.queue;

import io.vmpool.api.Event;
import io.vmpool.api.health.AlertSink;
import io.vmpool.api.inventory.InventoryStore;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.HostStatus;
import io.vmpool.api.machine.MachineService;
import io.vmpool.core.internal.CoreConfig;
import io.vmpool.core.internal.PoolListener;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Capacity alerts before the pool is full (docs/waiting-list.md): free memory below {@code capacityAlertFreePercent}
 * and the largest allocatable machine below {@code capacityAlertLargestMiB}, each alerted once per crossing.
 */
@Component(service = {CapacityAlerts.class, PoolListener.class}, configurationPid = CoreConfig.PID, immediate = true)
public class CapacityAlerts implements PoolListener {
    private static final Logger LOG = LoggerFactory.getLogger(CapacityAlerts.class);
    static final String SUBJECT = "pool:capacity";

    private final MachineService machines;
    private final InventoryStore inventory;
    private final Caller reader;
    private final Threshold freePercent;
    private final Threshold largestMiB;
    private final AlertSinks sinks = new AlertSinks();
    private final ScheduledExecutorService executor;
    private final AtomicBoolean checkQueued = new AtomicBoolean();

    @Activate
    public CapacityAlerts(@Reference MachineService machines, @Reference InventoryStore inventory, CoreConfig config) {
        this(machines, inventory, config, true);
    }

    CapacityAlerts(MachineService machines, InventoryStore inventory, CoreConfig config, boolean schedule) {
        if (config.capacityAlertFreePercent() < 0 || config.capacityAlertFreePercent() > 100
                || config.capacityAlertLargestMiB() < 0 || config.capacityCheckSeconds() < 1) {
            throw new IllegalArgumentException("capacityAlertFreePercent must be 0..100, capacityAlertLargestMiB >= 0 and"
                    + " capacityCheckSeconds >= 1 (were " + config.capacityAlertFreePercent() + ", "
                    + config.capacityAlertLargestMiB() + ", " + config.capacityCheckSeconds() + "; fix them in "
                    + CoreConfig.PID + ")");
        }
        this.machines = machines;
        this.inventory = inventory;
        this.reader = Caller.of("vmpool-capacity", config.adminRole());
        this.freePercent = new Threshold("capacity.free-percent", "capacityAlertFreePercent", config.capacityAlertFreePercent());
        this.largestMiB = new Threshold("capacity.largest", "capacityAlertLargestMiB", config.capacityAlertLargestMiB());
        this.executor = Background.thread("vmpool-capacity-alerts");
        if (schedule && (freePercent.on() || largestMiB.on())) {
            executor.scheduleWithFixedDelay(this::safeCheck, 0, config.capacityCheckSeconds(), TimeUnit.SECONDS);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSink(AlertSink sink) {
        sinks.add(sink);
    }

    void removeSink(AlertSink sink) {
        sinks.remove(sink);
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
    }

    @Override
    public void poolChanged(String why) {
        if ((freePercent.on() || largestMiB.on()) && checkQueued.compareAndSet(false, true)) {
            executor.execute(() -> {
                checkQueued.set(false);
                safeCheck();
            });
        }
    }

    private void safeCheck() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("capacity check failed (tried again later): {}", e.toString());
        }
    }

    /** Compares the pool now with both thresholds; @return how many alerts it raised. For tests. */
    synchronized int check() {
        List<HostStatus> all = machines.hosts(reader);
        if (all.isEmpty()) {
            return 0; // no host configured (yet, e.g. while the distribution starts): nothing to judge
        }
        List<HostStatus> usable = all.stream().filter(h -> h.reachable() && h.problem() == null).toList();
        long memory = usable.stream().mapToLong(h -> h.memoryMiB() - h.reservedMiB()).sum();
        long free = usable.stream().mapToLong(h -> Math.max(0, h.freeMiB())).sum();
        long largest = usable.stream().mapToLong(h -> Math.max(0, h.freeMiB())).max().orElse(0);
        long percent = memory <= 0 ? 0 : free * 100 / memory;
        String figures = free + " MiB free of " + memory + " MiB (" + percent + "%) on " + usable.size()
                + " usable host(s); the largest machine that fits now: " + largest + " MiB";
        int raised = 0;
        raised += freePercent.judge(percent, "free memory " + percent + "% is below " + freePercent.limit + "%: " + figures);
        raised += largestMiB.judge(largest, "the largest allocatable machine, " + largest + " MiB, is below "
                + largestMiB.limit + " MiB: " + figures);
        return raised;
    }

    /** One threshold, armed until the value falls below it, re-armed when it is back at or above. */
    private final class Threshold {
        final String cause;
        final String key;
        final long limit;
        private boolean below;

        Threshold(String cause, String key, long limit) {
            this.cause = cause;
            this.key = key;
            this.limit = limit;
        }

        boolean on() {
            return limit > 0;
        }

        int judge(long value, String summary) {
            if (!on()) {
                return 0;
            }
            if (value < limit && !below) {
                below = true;
                Instant now = Instant.now();
                String text = summary + " (" + key + " in " + CoreConfig.PID + ")";
                inventory.record(Event.now(SUBJECT, cause, null, text));
                sinks.deliver(PoolAlerts.of(cause, 1, now, now, text, List.of()));
                return 1;
            }
            if (value >= limit && below) {
                below = false;
                inventory.record(Event.now(SUBJECT, "capacity.recovered", null, cause + " back at or above " + limit
                        + ": " + summary.substring(summary.indexOf(':') + 2)));
            }
            return 0;
        }
    }
}
