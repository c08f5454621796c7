package io.vmpool.core.internal;

/**
 * A host's memory accounting at one moment, as placement sees it. {@code problem} is non-null
 * when the host cannot take machines (unreachable, or its health state says no); {@code health} is
 * its health state's name.
 */
record HostSnapshot(String name, long memoryMiB, long reservedMiB, long allocatedMiB, int machines, String problem,
        String health) {

    HostSnapshot(String name, long memoryMiB, long reservedMiB, long allocatedMiB, int machines, String problem) {
        this(name, memoryMiB, reservedMiB, allocatedMiB, machines, problem, problem == null ? "HEALTHY" : "UNREACHABLE");
    }

    long freeMiB() {
        return Math.max(0, memoryMiB - reservedMiB - allocatedMiB);
    }
}
