package io.vmpool.health.internal.edac;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The EDAC counters of one host at one moment, and what could not be read. */
public record EdacSample(Instant takenAt, List<MemoryControllerCounters> controllers, List<String> problems) {

    public EdacSample {
        controllers = List.copyOf(controllers);
        problems = List.copyOf(problems);
    }

    /** Every DIMM of every controller. */
    public List<DimmCounters> dimms() {
        return controllers.stream().flatMap(c -> c.dimms().stream()).toList();
    }

    /** The DIMM with that id, if this sample has it. */
    public Optional<DimmCounters> dimm(DimmId id) {
        return dimms().stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
