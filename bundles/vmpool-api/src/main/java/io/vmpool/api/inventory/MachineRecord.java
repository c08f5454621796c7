package io.vmpool.api.inventory;

import io.vmpool.api.machine.MachineState;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A machine as the inventory stores it. {@code host} and {@code volumeId} are null until placed/created. */
public record MachineRecord(
        String name,
        String owner,
        MachineState state,
        String host,
        long memoryMiB,
        int vcpus,
        long diskGiB,
        String volumeId,
        UUID uuid,
        Instant createdAt,
        Instant updatedAt,
        String stateReason) {

    public MachineRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public MachineRecord withState(MachineState newState, String reason) {
        return new MachineRecord(name, owner, newState, host, memoryMiB, vcpus, diskGiB, volumeId, uuid,
                createdAt, Instant.now(), reason);
    }

    public MachineRecord withVolume(String newVolumeId) {
        return new MachineRecord(name, owner, state, host, memoryMiB, vcpus, diskGiB, newVolumeId, uuid,
                createdAt, Instant.now(), stateReason);
    }

    public MachineRecord withHost(String newHost) {
        return new MachineRecord(name, owner, state, newHost, memoryMiB, vcpus, diskGiB, volumeId, uuid,
                createdAt, Instant.now(), stateReason);
    }
}
