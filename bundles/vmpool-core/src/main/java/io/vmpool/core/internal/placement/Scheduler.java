package io.vmpool.core.internal.placement;

import io.vmpool.api.placement.FilterFailure;
import io.vmpool.api.placement.HostAssessment;
import io.vmpool.api.placement.PlacementDecision;
import io.vmpool.api.placement.PlacementRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;

/**
 * Places a machine with the configured filters and weigher: {@link #choose} over an index (only the best
 * candidates are looked at), {@link #explain} over every host with each one's failed filters and score. Both
 * pick the same host. Stateless; reserving the host is the caller's business (under the placement lock).
 */
public final class Scheduler {
    private final List<PlacementFilter> filters;
    private final List<PlacementFilter> hostOnly;
    private final List<PlacementFilter> perRequest;
    private final Weigher weigher;
    private final int nPlusK;

    public Scheduler(List<PlacementFilter> filters, Weigher weigher) {
        this.filters = List.copyOf(filters);
        this.hostOnly = filters.stream().filter(PlacementFilter::hostOnly).toList();
        this.perRequest = filters.stream().filter(f -> !f.hostOnly()).toList();
        this.weigher = weigher;
        this.nPlusK = filters.stream().filter(f -> f instanceof NPlusKFilter).mapToInt(f -> ((NPlusKFilter) f).k())
                .findFirst().orElse(0);
    }

    public Weigher weigher() {
        return weigher;
    }

    /** The k of the N+k filter in force (0: none). */
    public int nPlusK() {
        return nPlusK;
    }

    /** A scheduler like this one with another N+k filter (k = 0: none), for capacity questions. */
    public Scheduler withNPlusK(int k, String setting) {
        List<PlacementFilter> next = new ArrayList<>(filters.stream().filter(f -> !(f instanceof NPlusKFilter)).toList());
        if (k > 0) {
            next.add(new NPlusKFilter(k, setting));
        }
        return new Scheduler(next, weigher);
    }

    /** The index of the hosts that pass every host-only filter. O(n log n). */
    public PlacementIndex index(List<HostLoad> hosts) {
        return new PlacementIndex(usable(hosts));
    }

    /** The best host for {@code memoryMiB}, or null when none passes every filter. O(log n) plus the candidates tried. */
    public HostLoad choose(PlacementIndex index, long memoryMiB) {
        PlacementContext context = new PlacementContext(memoryMiB, index.usable());
        PrimitiveIterator.OfInt candidates = weigher.candidates(index, memoryMiB);
        while (candidates.hasNext()) {
            HostLoad h = index.get(candidates.nextInt());
            if (passes(h, perRequest, context)) {
                return h;
            }
        }
        return null;
    }

    /** The same choice by looking at every host: the baseline the index is measured against. O(n). */
    public HostLoad chooseByScan(List<HostLoad> hosts, long memoryMiB) {
        PlacementContext context = new PlacementContext(memoryMiB, usable(hosts));
        Comparator<HostLoad> preference = weigher.preference(memoryMiB);
        HostLoad best = null;
        for (HostLoad h : hosts) {
            if ((best == null || preference.compare(h, best) < 0) && passes(h, filters, context)) {
                best = h;
            }
        }
        return best;
    }

    /** Judges every host with every filter (N+k only for hosts that passed the others) and chooses. */
    public PlacementDecision explain(List<HostLoad> hosts, PlacementRequest request) {
        long mib = request.memoryMiB();
        PlacementContext context = new PlacementContext(mib, usable(hosts));
        List<HostLoad> eligible = new ArrayList<>();
        List<HostLoad> refused = new ArrayList<>();
        Map<HostLoad, List<FilterFailure>> failed = new IdentityHashMap<>();
        for (HostLoad h : hosts) {
            List<FilterFailure> f = new ArrayList<>();
            for (PlacementFilter filter : filters) {
                if (filter instanceof NPlusKFilter && !f.isEmpty()) {
                    continue;
                }
                String why = filter.refusal(h, context);
                if (why != null) {
                    f.add(new FilterFailure(filter.name(), why));
                }
            }
            if (f.isEmpty()) {
                eligible.add(h);
            } else {
                refused.add(h);
                failed.put(h, f);
            }
        }
        eligible.sort(weigher.preference(mib));
        refused.sort(Comparator.comparingLong(HostLoad::freeMiB).reversed().thenComparing(HostLoad::name));
        List<HostAssessment> assessed = new ArrayList<>(hosts.size());
        for (HostLoad h : eligible) {
            assessed.add(assessment(h, List.of(), weigher.score(h, mib)));
        }
        for (HostLoad h : refused) {
            assessed.add(assessment(h, failed.get(h), null));
        }
        HostLoad chosen = eligible.isEmpty() ? null : eligible.get(0);
        return DecisionWords.decision(request, chosen, weigher.name(), nPlusK, assessed, eligible.size());
    }

    private List<HostLoad> usable(List<HostLoad> hosts) {
        PlacementContext none = new PlacementContext(0, List.of());
        List<HostLoad> out = new ArrayList<>(hosts.size());
        for (HostLoad h : hosts) {
            if (passes(h, hostOnly, none)) {
                out.add(h);
            }
        }
        return out;
    }

    private static boolean passes(HostLoad h, List<PlacementFilter> filters, PlacementContext context) {
        for (PlacementFilter f : filters) {
            if (f.refusal(h, context) != null) {
                return false;
            }
        }
        return true;
    }

    private static HostAssessment assessment(HostLoad h, List<FilterFailure> failed, Long score) {
        return new HostAssessment(h.name(), h.state(), h.memoryMiB(), h.reservedMiB(), h.allocatedMiB(), h.freeMiB(),
                h.machines(), failed, score);
    }
}
