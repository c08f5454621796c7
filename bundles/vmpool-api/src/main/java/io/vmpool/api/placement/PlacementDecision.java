package io.vmpool.api.placement;

import java.util.List;
import java.util.Optional;

/**
 * Where a machine of {@code request}'s size goes ({@code host}; null when no host can take it), with every
 * host's assessment in the weigher's order (the chosen one first), the weigher and N+k in force,
 * {@code missingMiB} (when refused: the least memory that would have to be freed on one host for it to fit,
 * 0 when placed or when memory is not what is missing) and a one-line {@code summary} in words.
 * {@code hosts} may be {@link Assessments}, made as they are read.
 */
public record PlacementDecision(
        PlacementRequest request,
        String host,
        String weigher,
        int nPlusK,
        List<HostAssessment> hosts,
        long missingMiB,
        String summary) {

    public PlacementDecision {
        hosts = hosts instanceof Assessments ? hosts : List.copyOf(hosts);
    }

    /** The chosen host, if any. */
    public Optional<String> chosen() {
        return Optional.ofNullable(host);
    }
}
