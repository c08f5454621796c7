package io.vmpool.core.internal;

import io.vmpool.api.inventory.MachineRecord;
import io.vmpool.api.machine.Evacuation;
import io.vmpool.api.machine.Evacuation.Item;
import io.vmpool.api.machine.Evacuation.ItemState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One drain's progress, changed by its workers and read as {@link Evacuation} snapshots by the doors. */
final class EvacuationTask {
    private final String id;
    private final String host;
    private final String actor;
    private final Instant startedAt = Instant.now();
    private final int parallelism;
    private final List<Item> items = new ArrayList<>();
    private final Function<String, Optional<String>> inFlightTarget;
    private Instant finishedAt;
    private volatile boolean cancelled;

    /** The machines are drained largest first (the big ones have the fewest places to go), then by name. */
    EvacuationTask(String id, String host, String actor, int parallelism, List<MachineRecord> machines,
            Function<String, Optional<String>> inFlightTarget) {
        this.id = id;
        this.host = host;
        this.actor = actor;
        this.parallelism = parallelism;
        this.inFlightTarget = inFlightTarget;
        machines.stream().sorted(Comparator.comparingLong(MachineRecord::memoryMiB).reversed()
                .thenComparing(MachineRecord::name))
                .forEach(m -> items.add(new Item(m.name(), m.memoryMiB(), m.state(), ItemState.PENDING, null, null)));
    }

    String id() {
        return id;
    }

    String host() {
        return host;
    }

    synchronized List<String> names() {
        return items.stream().map(Item::machine).toList();
    }

    synchronized void set(String machine, ItemState state, String target, String reason) {
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            if (it.machine().equals(machine)) {
                items.set(i, new Item(machine, it.memoryMiB(), it.machineState(), state, target, reason));
            }
        }
    }

    synchronized void finish() {
        finishedAt = Instant.now();
    }

    synchronized boolean done() {
        return finishedAt != null;
    }

    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    synchronized Evacuation snapshot() {
        List<Item> shown = items.stream().map(it -> it.state() == ItemState.MOVING && it.target() == null
                ? new Item(it.machine(), it.memoryMiB(), it.machineState(), it.state(),
                        inFlightTarget.apply(it.machine()).orElse(null), it.reason())
                : it).toList();
        return new Evacuation(id, host, actor, startedAt, finishedAt, parallelism, shown);
    }
}
