package io.vmpool.api.health;

import java.time.Instant;
import java.util.List;

/**
 * What an admin is told: one per host and cause per window, with how many times it happened in it
 * ({@code count}), first and last time, the host's state now, a summary and the evidence of the first.
 * {@code state} is null for an alert about the pool rather than one host (capacity, the unmet demand
 * digest: {@code host} is then {@code pool}); sinks leave the state out of what they write.
 */
public record Alert(String host, String cause, HostState state, int count, Instant first, Instant last,
        String summary, List<String> evidence) {

    public Alert {
        evidence = List.copyOf(evidence);
    }
}
