/**
 * vmpool API: placement. The {@link io.vmpool.api.placement.PlacementService} says where a machine of a
 * given size would go and why every other host would not ({@link io.vmpool.api.placement.PlacementDecision}),
 * and how many more machines of a size the pool holds, with and without N+k
 * ({@link io.vmpool.api.placement.CapacityReport}). docs/placement.md.
 */
@Version("1.0.0")
package io.vmpool.api.placement;

import org.osgi.annotation.versioning.Version;
