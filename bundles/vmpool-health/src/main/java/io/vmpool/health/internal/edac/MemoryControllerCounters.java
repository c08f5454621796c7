package io.vmpool.health.internal.edac;

import java.util.List;
import java.util.OptionalLong;

/** One EDAC memory controller (mc/mc*): its totals and its DIMMs. */
public record MemoryControllerCounters(String name, String mcName, OptionalLong sizeMiB, long correctedCount,
        OptionalLong correctedNoInfoCount, long uncorrectedCount, OptionalLong uncorrectedNoInfoCount,
        OptionalLong secondsSinceReset, List<DimmCounters> dimms) {

    public MemoryControllerCounters {
        dimms = List.copyOf(dimms);
    }
}
