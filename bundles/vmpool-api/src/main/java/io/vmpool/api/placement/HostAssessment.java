package io.vmpool.api.placement;

import java.util.List;

/**
 * One host as the scheduler judged it for a request: its health {@code state}, memory accounting
 * ({@code freeMiB = memoryMiB - reservedMiB - allocatedMiB}, at least 0), the filters it failed (empty: it
 * could take the machine) and, when it passed them all, the weigher's {@code score} (higher is preferred;
 * null otherwise).
 */
public record HostAssessment(
        String host,
        String state,
        long memoryMiB,
        long reservedMiB,
        long allocatedMiB,
        long freeMiB,
        int machines,
        List<FilterFailure> failed,
        Long score) {

    public HostAssessment {
        failed = List.copyOf(failed);
    }

    /** Whether the host passed every filter. */
    public boolean eligible() {
        return failed.isEmpty();
    }
}
