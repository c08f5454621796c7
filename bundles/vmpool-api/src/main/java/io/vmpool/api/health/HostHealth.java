package io.vmpool.api.health;

import java.time.Instant;
import java.util.List;

/**
 * A host's state, since when and why (the observation or admin action that put it there, in words),
 * and its latest observations, newest first.
 */
public record HostHealth(String host, HostState state, Instant since, String reason, List<HealthObservation> recent) {

    public HostHealth {
        recent = List.copyOf(recent);
    }
}
