package io.vmpool.core.internal.placement;

import io.vmpool.api.placement.FilterFailure;
import io.vmpool.api.placement.HostAssessment;
import io.vmpool.api.placement.PlacementDecision;
import io.vmpool.api.placement.PlacementRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Puts a decision in words: for a placement, where and what is left; for a refusal, how much memory is
 * missing and on which host the machine would fit after what change (memory freed, host:activate, a health
 * state cleared, a lower N+k).
 */
final class DecisionWords {
    private DecisionWords() {
    }

    static PlacementDecision decision(PlacementRequest request, HostLoad chosen, String weigher, int nPlusK,
            List<HostAssessment> hosts, int eligible) {
        long mib = request.memoryMiB();
        if (chosen != null) {
            String summary = String.format(Locale.ROOT, "%s: %,d MiB free of %,d after this %,d MiB machine (%s; %d of %d"
                    + " hosts could take it%s)", chosen.name(), chosen.freeMiB() - mib, chosen.memoryMiB(), mib, weigher,
                    eligible, hosts.size(), nPlusK == 0 ? "" : ", N+" + nPlusK + " kept");
            return new PlacementDecision(request, chosen.name(), weigher, nPlusK, hosts, 0, summary);
        }
        HostAssessment nearest = null;
        List<String> changes = new ArrayList<>();
        boolean stateHint = false;
        boolean nPlusKHint = false;
        for (HostAssessment h : hosts) {
            Set<String> failed = h.failed().stream().map(FilterFailure::filter).collect(Collectors.toSet());
            if (failed.equals(Set.of(MemoryFilter.NAME)) && h.memoryMiB() - h.reservedMiB() >= mib
                    && (nearest == null || mib - h.freeMiB() < mib - nearest.freeMiB())) {
                nearest = h;
            } else if (!stateHint && failed.equals(Set.of(MaintenanceFilter.NAME))) {
                changes.add(h.host() + " would fit it after host:activate " + h.host());
                stateHint = true;
            } else if (!stateHint && failed.equals(Set.of(HealthFilter.NAME))) {
                changes.add(h.host() + " would fit it once it takes machines again (now " + h.state() + ")");
                stateHint = true;
            } else if (!nPlusKHint && failed.equals(Set.of(NPlusKFilter.NAME))) {
                changes.add(h.host() + " would fit it without N+" + nPlusK + " (nPlusK in io.vmpool.core)");
                nPlusKHint = true;
            }
        }
        long missing = nearest == null ? 0 : mib - nearest.freeMiB();
        if (nearest != null) {
            changes.add(0, String.format(Locale.ROOT, "%,d MiB missing: %s would fit it after %,d MiB are freed there",
                    missing, nearest.host(), missing));
        }
        String summary;
        if (hosts.isEmpty()) {
            summary = "no host can take it: the pool has no hosts";
        } else if (changes.isEmpty()) {
            long largest = hosts.stream().mapToLong(h -> h.memoryMiB() - h.reservedMiB()).max().orElse(0);
            summary = largest < mib
                    ? String.format(Locale.ROOT, "no host can take %,d MiB: it is larger than any host's memory after its"
                            + " reserve (the largest: %,d MiB)", mib, largest)
                    : String.format(Locale.ROOT, "no host can take %,d MiB: no single change makes room (each host fails"
                            + " several filters)", mib);
        } else {
            summary = String.format(Locale.ROOT, "no host can take %,d MiB: %s", mib, String.join("; ", changes));
        }
        return new PlacementDecision(request, null, weigher, nPlusK, hosts, missing, summary);
    }
}
