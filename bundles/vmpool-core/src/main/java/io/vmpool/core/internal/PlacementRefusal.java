package io.vmpool.core.internal;

import io.vmpool.api.machine.HostRefusal;
import io.vmpool.api.machine.NoCapacityException;
import io.vmpool.api.placement.FilterFailure;
import io.vmpool.api.placement.HostAssessment;
import io.vmpool.api.placement.PlacementDecision;
import java.util.List;
import java.util.stream.Collectors;

/** The refusal of a create: the scheduler's decision as a {@link NoCapacityException}, one refusal per host. */
final class PlacementRefusal {
    private PlacementRefusal() {
    }

    static NoCapacityException of(String machine, PlacementDecision decision) {
        List<HostRefusal> refusals = decision.hosts().stream().filter(h -> !h.eligible()).map(PlacementRefusal::refusal)
                .toList();
        String summary = decision.summary();
        String why = summary.substring(summary.indexOf(": ") + 2);
        return new NoCapacityException("no host can take machine " + machine + " with " + decision.request().memoryMiB()
                + " MiB of memory (" + why + ")", refusals, decision);
    }

    private static HostRefusal refusal(HostAssessment h) {
        return new HostRefusal(h.host(), h.failed().stream().map(FilterFailure::reason).collect(Collectors.joining("; ")),
                h.freeMiB());
    }
}
