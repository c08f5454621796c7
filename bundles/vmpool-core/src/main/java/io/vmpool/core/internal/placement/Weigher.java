package io.vmpool.core.internal.placement;

import java.util.Comparator;
import java.util.PrimitiveIterator;

/**
 * Ranks the hosts that passed every filter; the best one gets the machine. Selected by {@code placementWeigher}.
 * {@link #candidates} walks an index in exactly the order of {@link #preference}, so the fast decision and the
 * full explanation choose the same host.
 */
public interface Weigher {

    /** The name used in configuration and explanations. */
    String name();

    /** The host's score for a machine of {@code memoryMiB}: higher is preferred. */
    long score(HostLoad host, long memoryMiB);

    /** Best host first: by score, then fewer machines, then name. */
    Comparator<HostLoad> preference(long memoryMiB);

    /** Positions in {@code index} of the hosts with at least {@code memoryMiB} free, best first. */
    PrimitiveIterator.OfInt candidates(PlacementIndex index, long memoryMiB);
}
