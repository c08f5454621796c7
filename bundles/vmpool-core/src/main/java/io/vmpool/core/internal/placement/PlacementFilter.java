package io.vmpool.core.internal.placement;

/**
 * One rule a host must pass to take a machine. A filter that looks only at the host ({@link #hostOnly()})
 * decides which hosts are in the {@link PlacementIndex}; the others are asked for each candidate.
 */
public interface PlacementFilter {

    /** The name used in configuration ({@code placementFilters}) and in explanations. */
    String name();

    /** Whether the verdict depends on the host alone, not on the request or the rest of the pool. */
    boolean hostOnly();

    /** Why {@code host} cannot take the request, in words; null when it can. */
    String refusal(HostLoad host, PlacementContext context);

    /** Whether {@link #refusal} is not null, without its words where the filter can tell more cheaply. */
    default boolean refuses(HostLoad host, PlacementContext context) {
        return refusal(host, context) != null;
    }
}
