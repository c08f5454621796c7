package io.vmpool.api.machine;

/**
 * One pool host with its memory accounting: {@code allocatedMiB} is what vmpool has placed there,
 * {@code freeMiB = memoryMiB - reservedMiB - allocatedMiB}. {@code problem} is null when it can take
 * machines; otherwise it says why not (unreachable, or its health state and why). {@code health} is
 * its {@code io.vmpool.api.health.HostState} name ({@code HEALTHY} when no health policy is installed).
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
        int machines,
        String health) {

    /** A host without a health state of its own (no health policy installed). */
    public HostStatus(String name, String uri, boolean reachable, String problem, int cpus, long memoryMiB,
            long reservedMiB, long allocatedMiB, long freeMiB, int machines) {
        this(name, uri, reachable, problem, cpus, memoryMiB, reservedMiB, allocatedMiB, freeMiB, machines,
                reachable ? "HEALTHY" : "UNREACHABLE");
    }
}
