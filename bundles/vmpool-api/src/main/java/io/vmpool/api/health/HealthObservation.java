package io.vmpool.api.health;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One thing a collector saw on a host: when, from which source ({@code console}, {@code kernel-log},
 * {@code edac}, {@code rasdaemon}, {@code heartbeat}), what it means ({@link Signal}), a one-line
 * summary in words (the decoded record, the counter and its rate) and the evidence as it was read
 * (the console lines, the counter files), kept with the state change it causes.
 */
public record HealthObservation(String host, Instant at, String source, Signal signal, String summary,
        List<String> evidence) {

    public HealthObservation {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(summary, "summary");
        evidence = List.copyOf(evidence);
    }
}
