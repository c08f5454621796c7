package io.vmpool.core.internal.placement;

import io.vmpool.api.placement.FilterFailure;
import io.vmpool.api.placement.PlacementDecision;
import io.vmpool.api.placement.PlacementRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;

/**
 * Places a machine with the configured filters and weigher: {@link #choose} over an index (only the best
 * candidates are looked at), {@link #explain} over every host with each one's failed filters and score. Both
 * pick the same host, as do their baselines {@link #chooseByScan} and {@link #explainByScan}. Stateless;
 * reserving the host is the caller's business (under the placement lock).
 */
public final class Scheduler {
    private final List<PlacementFilter> filters;
    private final List<PlacementFilter> hostOnly;
    private final List<PlacementFilter> perRequest;
    private final List<PlacementFilter> beyondMemory;
    private final int memoryBit;
    private final Weigher weigher;
    private final int nPlusK;

    public Scheduler(List<PlacementFilter> filters, Weigher weigher) {
        this.filters = List.copyOf(filters);
        this.hostOnly = filters.stream().filter(PlacementFilter::hostOnly).toList();
        this.perRequest = filters.stream().filter(f -> !f.hostOnly()).toList();
        this.beyondMemory = perRequest.stream().filter(f -> !(f instanceof MemoryFilter))
                .filter(f -> !(f instanceof NPlusKFilter n && n.k() == 0)).toList(); // N+0 passes every host
        if (filters.size() > 31) {
            throw new IllegalArgumentException("at most 31 placement filters, got " + filters.size());
        }
        int memory = 0;
        for (int i = 0; i < filters.size(); i++) {
            memory |= filters.get(i) instanceof MemoryFilter ? 1 << i : 0;
        }
        this.memoryBit = memory;
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

    /** The index of the hosts that pass every host-only filter, and the others with what they fail. O(n log n). */
    public PlacementIndex index(List<HostLoad> hosts) {
        PlacementContext none = new PlacementContext(0, List.of());
        List<HostLoad> usable = new ArrayList<>(hosts.size());
        List<HostLoad> excluded = new ArrayList<>();
        int[] failures = new int[8];
        for (HostLoad h : hosts) {
            int mask = 0;
            for (int i = 0; i < filters.size(); i++) {
                PlacementFilter f = filters.get(i);
                if (f.hostOnly() && f.refuses(h, none)) {
                    mask |= 1 << i;
                }
            }
            if (mask == 0) {
                usable.add(h);
            } else {
                if (excluded.size() == failures.length) {
                    failures = Arrays.copyOf(failures, failures.length * 2);
                }
                failures[excluded.size()] = mask;
                excluded.add(h);
            }
        }
        return new PlacementIndex(usable, excluded, failures);
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

    /** {@link #explain(PlacementIndex, PlacementRequest)} over a new index of {@code hosts}. */
    public PlacementDecision explain(List<HostLoad> hosts, PlacementRequest request) {
        return explain(index(hosts), request);
    }

    /**
     * Judges every host and chooses, over the index: the hosts that fit are the weigher's candidates, in its
     * order, and only they are asked the per-request filters other than memory (N+k); those short of memory are
     * the index's prefix below the request; those failing a host-only filter were found when the index was
     * built. O(n) steps of a few comparisons, and N+k's checks when it is on; every host's failed filters and
     * score are known, their words are made when the decision's hosts are read ({@link Explanation}).
     */
    public PlacementDecision explain(PlacementIndex index, PlacementRequest request) {
        long mib = request.memoryMiB();
        PlacementContext context = new PlacementContext(mib, index.usable());
        int total = index.size() + index.excludedCount();
        Explanation.Builder b = new Explanation.Builder(total);
        List<HostLoad> computed = new ArrayList<>();
        for (PrimitiveIterator.OfInt c = weigher.candidates(index, mib); c.hasNext();) {
            HostLoad h = index.get(c.nextInt());
            List<FilterFailure> failed = perRequestBeyondMemory(h, context);
            if (failed == null) {
                b.eligible(h);
            } else {
                b.computed(h, failed);
                computed.add(h);
            }
        }
        Explanation.Run shortOfMemory = new ShortOfMemory(index, index.firstHolding(mib));
        HostLoad[] excluded = new HostLoad[index.excludedCount()];
        int[] excludedMasks = new int[excluded.length];
        for (int i = 0; i < excluded.length; i++) {
            excluded[i] = index.excluded(i);
            excludedMasks[i] = index.excludedFailures(i) | (excluded[i].freeMiB() < mib ? memoryBit : 0);
        }
        computed.sort(PlacementIndex.MOST_FREE_FIRST);
        b.refused(computed, shortOfMemory, memoryBit, excluded, excludedMasks, filters);
        return b.decision(request, weigher, nPlusK, filters, context, index.largestCapacityMiB());
    }

    /**
     * The same decision by asking every filter of every host and sorting: the baseline the indexed explanation
     * is measured against, and what its tests compare it with. O(n log n).
     */
    public PlacementDecision explainByScan(List<HostLoad> hosts, PlacementRequest request) {
        long mib = request.memoryMiB();
        List<HostLoad> usable = usable(hosts);
        usable.sort(PlacementIndex.ORDER); // as the index has them: N+k's words name the first host it finds short
        PlacementContext context = new PlacementContext(mib, usable);
        List<HostLoad> eligible = new ArrayList<>();
        List<HostLoad> computed = new ArrayList<>();
        Map<HostLoad, List<FilterFailure>> computedFailures = new IdentityHashMap<>();
        List<HostLoad> shortOfMemory = new ArrayList<>();
        List<HostLoad> excluded = new ArrayList<>();
        Map<HostLoad, Integer> masks = new IdentityHashMap<>();
        long largest = 0;
        for (HostLoad h : hosts) {
            largest = Math.max(largest, PlacementIndex.capacity(h));
            int mask = 0;
            for (int i = 0; i < filters.size(); i++) {
                PlacementFilter f = filters.get(i);
                if (f.hostOnly() && f.refuses(h, context) || f instanceof MemoryFilter && f.refuses(h, context)) {
                    mask |= 1 << i;
                }
            }
            if ((mask & ~memoryBit) != 0) {
                excluded.add(h);
                masks.put(h, mask);
            } else if (mask != 0) {
                shortOfMemory.add(h);
            } else {
                List<FilterFailure> failed = perRequestBeyondMemory(h, context);
                if (failed == null) {
                    eligible.add(h);
                } else {
                    computed.add(h);
                    computedFailures.put(h, failed);
                }
            }
        }
        eligible.sort(weigher.preference(mib));
        computed.sort(PlacementIndex.MOST_FREE_FIRST);
        shortOfMemory.sort(Comparator.comparingLong(HostLoad::freeMiB).reversed().thenComparingInt(HostLoad::machines)
                .thenComparing(HostLoad::name));
        excluded.sort(PlacementIndex.MOST_FREE_FIRST);
        Explanation.Builder b = new Explanation.Builder(hosts.size());
        eligible.forEach(b::eligible);
        computed.forEach(h -> b.computed(h, computedFailures.get(h)));
        b.refused(computed, Explanation.Run.of(shortOfMemory.toArray(new HostLoad[0])), memoryBit, excluded.toArray(new HostLoad[0]),
                excluded.stream().mapToInt(masks::get).toArray(), filters);
        return b.decision(request, weigher, nPlusK, filters, context, largest);
    }

    /** The failures of the per-request filters other than memory (N+k), each with its bit; null when it passes them. */
    private List<FilterFailure> perRequestBeyondMemory(HostLoad h, PlacementContext context) {
        List<FilterFailure> failed = null;
        for (PlacementFilter f : beyondMemory) {
            String why = f.refusal(h, context);
            if (why != null) {
                if (failed == null) {
                    failed = new ArrayList<>(1);
                }
                failed.add(new FilterFailure(f.name(), why));
            }
        }
        return failed;
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
            if (f.refuses(h, context)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The index's hosts below {@code first} (short of memory), most free first: its runs of equal free memory
     * from the top down, each in the index's order (fewer machines, then name).
     */
    private static final class ShortOfMemory implements Explanation.Run {
        private final PlacementIndex index;
        private int runStart;
        private int runEnd;
        private int next;

        ShortOfMemory(PlacementIndex index, int first) {
            this.index = index;
            this.runEnd = first;
            this.runStart = first == 0 ? 0 : index.runStart(first - 1);
            this.next = runStart;
        }

        @Override
        public HostLoad peek() {
            if (next == runEnd) {
                if (runStart == 0) {
                    return null;
                }
                runEnd = runStart;
                runStart = index.runStart(runEnd - 1);
                next = runStart;
            }
            return index.get(next);
        }

        @Override
        public void advance() {
            next++;
        }
    }
}
