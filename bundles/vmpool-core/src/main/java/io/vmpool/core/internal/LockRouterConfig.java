package io.vmpool.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How the core swaps lock backends (PID {@value #PID}). */
@ObjectClassDefinition(id = LockRouterConfig.PID, name = "vmpool lock routing",
        description = "How acquisitions reach the active lock backend and how a backend swap drains")
public @interface LockRouterConfig {
    String PID = "io.vmpool.core.locks";

    @AttributeDefinition(description = "Longest a swap waits for leases of the old backend to be released, in s;"
            + " acquisitions wait meanwhile. Past it the swap goes ahead and says how many leases were still held.")
    long swapDrainSeconds() default 600;
}
