package io.vmpool.core.internal.placement;

import io.vmpool.api.placement.Assessments;
import io.vmpool.api.placement.FilterFailure;
import io.vmpool.api.placement.HostAssessment;
import io.vmpool.api.placement.PlacementDecision;
import io.vmpool.api.placement.PlacementRequest;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A decision as the scheduler found it, compactly: every host in the decision's order (the eligible ones in
 * the weigher's order, then the refused ones, most free memory first), and for each refused one which filters
 * it failed, as bits by position in the scheduler's filter list. The words of the cheap filters (maintenance,
 * health, memory) are made again when a host is read; those of the costly ones (N+k) were kept when they were
 * found. Also puts the decision in words: for a placement, where and what is left; for a refusal, how much
 * memory is missing and on which host the machine would fit after what change (memory freed, host:activate, a
 * health state cleared, a lower N+k).
 */
final class Explanation {
    private Explanation() {
    }

    /** Hosts in an order, one at a time. */
    interface Run {
        /** The next host; null after the last. */
        HostLoad peek();

        void advance();

        static Run of(HostLoad[] hosts) {
            return new Run() {
                private int next;

                @Override
                public HostLoad peek() {
                    return next < hosts.length ? hosts[next] : null;
                }

                @Override
                public void advance() {
                    next++;
                }
            };
        }
    }

    /** Collects one decision's hosts: {@link #eligible} in order, then {@link #refused} once. */
    static final class Builder {
        private final HostLoad[] order;
        /** For the refused hosts only: masks[i - eligible] is order[i]'s. */
        private int[] masks;
        private final Map<HostLoad, List<FilterFailure>> computed = new IdentityHashMap<>();
        private int eligible;

        Builder(int hosts) {
            this.order = new HostLoad[hosts];
        }

        /** The next host that passes every filter, in the weigher's order. */
        void eligible(HostLoad h) {
            order[eligible++] = h;
        }

        /** What a host that fits failed of the per-request filters beyond memory (N+k), in words. */
        void computed(HostLoad h, List<FilterFailure> failures) {
            computed.put(h, failures);
        }

        /**
         * The refused hosts, after every eligible one: those that fit but failed a per-request filter
         * ({@code computed}), those short of memory (failing only it) and those failing a host-only filter with
         * their bits; each most free memory first. Merged most free first (ties in that order).
         */
        void refused(List<HostLoad> computedHosts, Run shortOfMemory, int memoryBit, HostLoad[] excluded,
                int[] excludedMasks, List<PlacementFilter> filters) {
            masks = new int[order.length - eligible];
            int pos = eligible;
            int a = 0;
            int c = 0;
            while (pos < order.length) {
                long fa = a < computedHosts.size() ? computedHosts.get(a).freeMiB() : -1;
                HostLoad b = shortOfMemory.peek();
                long fb = b != null ? b.freeMiB() : -1;
                long fc = c < excluded.length ? excluded[c].freeMiB() : -1;
                if (fa >= 0 && fa >= fb && fa >= fc) {
                    HostLoad h = computedHosts.get(a++);
                    masks[pos - eligible] = bits(computed.get(h), filters);
                    order[pos++] = h;
                } else if (fb >= 0 && fb >= fc) {
                    shortOfMemory.advance();
                    masks[pos - eligible] = memoryBit;
                    order[pos++] = b;
                } else {
                    masks[pos - eligible] = excludedMasks[c];
                    order[pos++] = excluded[c++];
                }
            }
        }

        private static int bits(List<FilterFailure> failures, List<PlacementFilter> filters) {
            int mask = 0;
            for (FilterFailure f : failures) {
                for (int i = 0; i < filters.size(); i++) {
                    mask |= filters.get(i).name().equals(f.filter()) ? 1 << i : 0;
                }
            }
            return mask;
        }

        PlacementDecision decision(PlacementRequest request, Weigher weigher, int nPlusK, List<PlacementFilter> filters,
                PlacementContext context, long largestCapacityMiB) {
            Hosts hosts = new Hosts(order, masks, eligible, computed, filters, weigher, context);
            return eligible > 0 ? placed(request, weigher, nPlusK, hosts) : refusal(request, weigher, nPlusK, hosts,
                    filters, largestCapacityMiB);
        }

        private PlacementDecision placed(PlacementRequest request, Weigher weigher, int nPlusK, Hosts hosts) {
            long mib = request.memoryMiB();
            HostLoad chosen = order[0];
            String summary = String.format(Locale.ROOT, "%s: %,d MiB free of %,d after this %,d MiB machine (%s; %d of %d"
                    + " hosts could take it%s)", chosen.name(), chosen.freeMiB() - mib, chosen.memoryMiB(), mib,
                    weigher.name(), eligible, order.length, nPlusK == 0 ? "" : ", N+" + nPlusK + " kept");
            return new PlacementDecision(request, chosen.name(), weigher.name(), nPlusK, hosts, 0, summary);
        }

        private PlacementDecision refusal(PlacementRequest request, Weigher weigher, int nPlusK, Hosts hosts,
                List<PlacementFilter> filters, long largestCapacityMiB) {
            long mib = request.memoryMiB();
            int memoryBit = bitOf(filters, MemoryFilter.class);
            int maintenanceBit = bitOf(filters, MaintenanceFilter.class);
            int healthBit = bitOf(filters, HealthFilter.class);
            int nPlusKBit = bitOf(filters, NPlusKFilter.class);
            HostLoad nearest = null;
            String stateHint = null;
            String nPlusKHint = null;
            List<String> changes = new ArrayList<>();
            for (int i = 0; i < masks.length && (nearest == null || stateHint == null || nPlusKHint == null); i++) {
                HostLoad h = order[eligible + i];
                int mask = masks[i];
                if (mask == memoryBit) {
                    // short of memory alone, most free first: the first that could ever hold it is the nearest
                    if (nearest == null && PlacementIndex.capacity(h) >= mib) {
                        nearest = h;
                    }
                } else if (stateHint == null && mask == maintenanceBit) {
                    stateHint = h.name() + " would fit it after host:activate " + h.name();
                    changes.add(stateHint);
                } else if (stateHint == null && mask == healthBit) {
                    stateHint = h.name() + " would fit it once it takes machines again (now " + h.state() + ")";
                    changes.add(stateHint);
                } else if (nPlusKHint == null && mask == nPlusKBit) {
                    nPlusKHint = h.name() + " would fit it without N+" + nPlusK + " (nPlusK in io.vmpool.core)";
                    changes.add(nPlusKHint);
                }
            }
            long missing = nearest == null ? 0 : mib - nearest.freeMiB();
            if (nearest != null) {
                changes.add(0, String.format(Locale.ROOT, "%,d MiB missing: %s would fit it after %,d MiB are freed there",
                        missing, nearest.name(), missing));
            }
            String summary;
            if (order.length == 0) {
                summary = "no host can take it: the pool has no hosts";
            } else if (changes.isEmpty()) {
                summary = largestCapacityMiB < mib
                        ? String.format(Locale.ROOT, "no host can take %,d MiB: it is larger than any host's memory after"
                                + " its reserve (the largest: %,d MiB)", mib, largestCapacityMiB)
                        : String.format(Locale.ROOT, "no host can take %,d MiB: no single change makes room (each host"
                                + " fails several filters)", mib);
            } else {
                summary = String.format(Locale.ROOT, "no host can take %,d MiB: %s", mib, String.join("; ", changes));
            }
            return new PlacementDecision(request, null, weigher.name(), nPlusK, hosts, missing, summary);
        }

        /** The bit of the filter of that class in the list; 0 (matches no refused host) when it is not configured. */
        private static int bitOf(List<PlacementFilter> filters, Class<? extends PlacementFilter> type) {
            for (int i = 0; i < filters.size(); i++) {
                if (type.isInstance(filters.get(i))) {
                    return 1 << i;
                }
            }
            return 0;
        }
    }

    /** The decision's hosts, each put in a {@link HostAssessment} (and its failures in words) when read. */
    private static final class Hosts extends Assessments {
        private final HostLoad[] order;
        private final int[] masks;
        private final int eligible;
        private final Map<HostLoad, List<FilterFailure>> computed;
        private final List<PlacementFilter> filters;
        private final Weigher weigher;
        private final PlacementContext context;

        Hosts(HostLoad[] order, int[] masks, int eligible, Map<HostLoad, List<FilterFailure>> computed,
                List<PlacementFilter> filters, Weigher weigher, PlacementContext context) {
            this.order = order;
            this.masks = masks;
            this.eligible = eligible;
            this.computed = computed;
            this.filters = filters;
            this.weigher = weigher;
            this.context = context;
        }

        @Override
        public int size() {
            return order.length;
        }

        @Override
        public HostAssessment get(int i) {
            HostLoad h = order[i];
            if (i < eligible) {
                return assessment(h, List.of(), weigher.score(h, context.memoryMiB()));
            }
            List<FilterFailure> failed = new ArrayList<>(2);
            for (int f = 0; f < filters.size(); f++) {
                if ((masks[i - eligible] & 1 << f) == 0) {
                    continue;
                }
                PlacementFilter filter = filters.get(f);
                if (filter.hostOnly() || filter instanceof MemoryFilter) {
                    failed.add(new FilterFailure(filter.name(), filter.refusal(h, context)));
                } else {
                    computed.get(h).stream().filter(x -> x.filter().equals(filter.name())).forEach(failed::add);
                }
            }
            return assessment(h, failed, null);
        }

        private static HostAssessment assessment(HostLoad h, List<FilterFailure> failed, Long score) {
            return new HostAssessment(h.name(), h.state(), h.memoryMiB(), h.reservedMiB(), h.allocatedMiB(),
                    h.freeMiB(), h.machines(), failed, score);
        }
    }
}
