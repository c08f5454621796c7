package io.vmpool.core.internal.placement;

import java.util.List;

/**
 * What a filter may look at besides the host: the memory asked for, and the pool's usable hosts (those
 * passing every host-only filter), which N+k needs.
 */
public record PlacementContext(long memoryMiB, List<HostLoad> usable) {
}
