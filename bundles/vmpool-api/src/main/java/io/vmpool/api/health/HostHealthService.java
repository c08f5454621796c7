package io.vmpool.api.health;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The hosts' health states, which placement obeys. Implemented by the health policy (vmpool-health);
 * the core and the front doors use it. Every transition is recorded as an event
 * ({@code host.state} on subject {@code host:<name>}) with its evidence.
 */
@ProviderType
public interface HostHealthService {

    /** The host's health; empty for a host the policy has not heard of (the core treats it as HEALTHY). */
    Optional<HostHealth> health(String host);

    /** Every host the policy knows, by name. */
    List<HostHealth> all();

    /** An admin takes the host out of ({@code on}) or back into service; recorded with {@code actor}. */
    HostHealth maintenance(String host, boolean on, String actor);

    /**
     * A host was just admitted into the pool ({@code host:add}): it starts its probation now (HEALTHY at
     * once when the probation is 0), whatever state an earlier host of that name was in; recorded. @since 1.1
     */
    HostHealth admitted(String host, String actor, String why);

    /** An admin clears FAILED or DEGRADED after the cause was dealt with: back to PROBATION; recorded. */
    HostHealth clear(String host, String actor, String why);
}
