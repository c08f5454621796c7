/**
 * vmpool API: placement. The {@link io.vmpool.api.placement.PlacementService} says where a machine of a
 * given size would go and why every other host would not ({@link io.vmpool.api.placement.PlacementDecision}),
 * and how many more machines of a size the pool holds, with and without N+k
 * ({@link io.vmpool.api.placement.CapacityReport}). A decision's hosts may be
 * {@link io.vmpool.api.placement.Assessments}, made when read (1.1). docs/placement.md.
 */
@Version("1.1.0")
package io.vmpool.api.placement;

import org.osgi.annotation.versioning.Version;
