package io.vmpool.core.internal;

/**
 * A host's memory accounting at one moment, as placement sees it. {@code problem} is non-null
 * when the host cannot take machines (unreachable, ...).
 */
record HostSnapshot(String name, long memoryMiB, long reservedMiB, long allocatedMiB, int machines, String problem) {

    long freeMiB() {
        return Math.max(0, memoryMiB - reservedMiB - allocatedMiB);
    }
}
