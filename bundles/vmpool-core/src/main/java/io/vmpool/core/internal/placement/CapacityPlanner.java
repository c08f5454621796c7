package io.vmpool.core.internal.placement;

import io.vmpool.api.placement.CapacityReport;
import io.vmpool.api.placement.HostCapacity;
import io.vmpool.api.placement.PlacementRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How many more machines of one size the pool takes: by free memory alone per usable host, and by placing
 * them one after another with the scheduler and N+k on (as Ganeti's hspace does), until it refuses.
 */
public final class CapacityPlanner {
    private CapacityPlanner() {
    }

    /** @param k the N+k to plan with (at least 1) */
    public static CapacityReport plan(Scheduler scheduler, List<HostLoad> hosts, PlacementRequest size, int k,
            String setting) {
        long mib = size.memoryMiB();
        Scheduler withK = scheduler.withNPlusK(k, setting);
        Map<String, Integer> placed = new HashMap<>();
        List<HostLoad> pool = new ArrayList<>(hosts);
        while (true) {
            HostLoad h = withK.choose(withK.index(pool), mib);
            if (h == null) {
                break;
            }
            pool.set(pool.indexOf(h), h.plus(mib));
            placed.merge(h.name(), 1, Integer::sum);
        }
        List<HostLoad> usable = scheduler.withNPlusK(0, setting).index(hosts).usable();
        List<HostCapacity> out = new ArrayList<>();
        int total = 0;
        int totalK = 0;
        for (HostLoad h : hosts.stream().sorted(java.util.Comparator.comparing(HostLoad::name)).toList()) {
            int fits = usable.contains(h) ? (int) Math.min(Integer.MAX_VALUE, h.freeMiB() / mib) : 0;
            int fitsK = placed.getOrDefault(h.name(), 0);
            out.add(new HostCapacity(h.name(), h.state(), h.freeMiB(), fits, fitsK));
            total += fits;
            totalK += fitsK;
        }
        String summary = String.format(Locale.ROOT, "%d more machines of %,d MiB fit (%d with N+%d, placed by %s)",
                total, mib, totalK, k, scheduler.weigher().name());
        return new CapacityReport(size, k, out, total, totalK, summary);
    }
}
