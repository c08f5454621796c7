package io.vmpool.api.machine;

import java.time.Instant;
import java.util.List;

/**
 * The task that drains a host put in maintenance: its machines one by one (or {@code parallelism} at a time),
 * each with its own state and target. {@code done} once every machine is moved, failed or stays.
 */
public record Evacuation(String id, String host, String actor, Instant startedAt, Instant finishedAt, int parallelism,
        List<Item> machines) {

    public Evacuation {
        machines = List.copyOf(machines);
    }

    public boolean done() {
        return finishedAt != null;
    }

    /** How many machines are in {@code state}. */
    public long count(ItemState state) {
        return machines.stream().filter(m -> m.state() == state).count();
    }

    /** Where one machine of the drain is: {@code target} once chosen, {@code reason} for FAILED and STAYS. */
    public record Item(String machine, long memoryMiB, MachineState machineState, ItemState state, String target,
            String reason) {
    }

    /** PENDING, then MOVING, then MOVED; FAILED (left on the host as it was) or STAYS (fits nowhere, or not movable). */
    public enum ItemState {
        PENDING, MOVING, MOVED, FAILED, STAYS
    }
}
