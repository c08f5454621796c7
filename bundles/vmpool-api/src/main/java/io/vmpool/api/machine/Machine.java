package io.vmpool.api.machine;

import java.time.Instant;

/** A machine as a user sees it. {@code stateReason} says why it is in its state when that is not obvious. */
public record Machine(
        String name,
        String owner,
        MachineState state,
        String host,
        long memoryMiB,
        int vcpus,
        long diskGiB,
        String volumeId,
        Instant createdAt,
        String stateReason) {
}
