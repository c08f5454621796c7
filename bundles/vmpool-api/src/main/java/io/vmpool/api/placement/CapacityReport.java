package io.vmpool.api.placement;

import java.util.List;

/**
 * How many more machines of {@code size} the pool takes (the question Ganeti's hspace answers): per host and in
 * total, by free memory alone ({@code total}) and with N+k for {@code nPlusK} = the configured k, at least 1
 * ({@code totalWithNPlusK}); {@code summary} says it in one line.
 */
public record CapacityReport(
        PlacementRequest size,
        int nPlusK,
        List<HostCapacity> hosts,
        int total,
        int totalWithNPlusK,
        String summary) {

    public CapacityReport {
        hosts = List.copyOf(hosts);
    }
}
