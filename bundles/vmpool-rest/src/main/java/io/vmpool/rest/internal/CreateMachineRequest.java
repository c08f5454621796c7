package io.vmpool.rest.internal;

import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.machine.MachineSpec;

/**
 * The body of {@code POST /vms} ({@code queue} optional, default false), with boxed numbers so a missing field is told apart from a zero. The door
 * checks only shape (present, right type); the core checks values.
 */
record CreateMachineRequest(String name, Long memoryMiB, Integer vcpus, Long diskGiB, String owner, String pool,
        Boolean queue) {

    /** {@code "queue": true}: keep the request on the waiting list when the pool has no room (202 Accepted). */
    boolean mayWait() {
        return Boolean.TRUE.equals(queue);
    }

    MachineSpec toSpec() {
        return new MachineSpec(
                required("name", name),
                required("memoryMiB", memoryMiB),
                required("vcpus", vcpus),
                required("diskGiB", diskGiB),
                owner,
                pool);
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidRequestException(field, "required",
                    "The request body has no '" + field + "': POST /vms needs name, memoryMiB, vcpus and diskGiB");
        }
        return value;
    }
}
