package io.vmpool.rest.internal;

import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.placement.PlacementRequest;

/** The body of {@code POST /placements}; boxed so a missing field is told apart from a zero. vcpus defaults to 1. */
record PlacementBody(Long memoryMiB, Integer vcpus, Long diskGiB) {

    PlacementRequest toRequest() {
        return new PlacementRequest(required("memoryMiB", memoryMiB), vcpus == null ? 1 : vcpus, required("diskGiB", diskGiB));
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidRequestException(field, "required",
                    "The request body has no '" + field + "': POST /placements needs memoryMiB and diskGiB (vcpus: 1 if absent)");
        }
        return value;
    }
}
