package io.vmpool.api.machine;

/**
 * One pool host with its memory accounting: {@code allocatedMiB} is what vmpool has placed there,
 * {@code freeMiB = memoryMiB - reservedMiB - allocatedMiB}. {@code problem} is null when reachable.
 */
public record HostStatus(
        String name,
        String uri,
        boolean reachable,
        String problem,
        int cpus,
        long memoryMiB,
        long reservedMiB,
        long allocatedMiB,
        long freeMiB,
        int machines) {
}
