package io.vmpool.api.placement;

/** The size of a machine to place: memory in MiB, virtual CPUs, disk in GiB. */
public record PlacementRequest(long memoryMiB, int vcpus, long diskGiB) {
}
