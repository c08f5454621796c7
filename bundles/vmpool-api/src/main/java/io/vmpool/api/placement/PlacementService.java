package io.vmpool.api.placement;

import io.vmpool.api.machine.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The scheduler's answers, without creating anything: where a machine would be placed and why, and how
 * many more of a size fit. Implemented by the core; {@code MachineService.create} places with the same
 * scheduler and refuses with the same explanation ({@link io.vmpool.api.machine.NoCapacityException#decision()}).
 * Sizes are checked against the core's limits ({@link io.vmpool.api.InvalidRequestException} naming the field).
 */
@ProviderType
public interface PlacementService {

    /** Decides and explains a placement (a dry run: nothing is reserved); every host is assessed. */
    PlacementDecision place(PlacementRequest request, Caller caller);

    /**
     * How many more machines of {@code size} fit, per host and in total, with and without N+k; for
     * administrators (others get {@link io.vmpool.api.ForbiddenException}).
     */
    CapacityReport capacity(PlacementRequest size, Caller caller);
}
