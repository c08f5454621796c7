package io.vmpool.api.inventory;

import java.time.Instant;
import java.util.Objects;

/**
 * A create the pool refused for lack of capacity: who asked, for what, and how much memory was missing
 * ({@code missingMiB} of the scheduler's decision; 0 when no host would fit it even empty). @since 1.3
 */
public record UnmetDemand(Instant at, String owner, String machine, long memoryMiB, long missingMiB) {

    public UnmetDemand {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(machine, "machine");
    }
}
