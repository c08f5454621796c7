package io.vmpool.core.internal.placement;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The hosts that pass every host-only filter, sorted by free memory (then fewer machines, then name), so a
 * weigher finds its best host that fits by binary search: O(log n) instead of a walk over every host.
 * Built from one snapshot of the pool; a new snapshot makes a new index.
 */
public final class PlacementIndex {
    static final Comparator<HostLoad> ORDER = Comparator.comparingLong(HostLoad::freeMiB)
            .thenComparingInt(HostLoad::machines).thenComparing(HostLoad::name);

    private final HostLoad[] hosts;
    private final long[] free;

    PlacementIndex(List<HostLoad> eligible) {
        this.hosts = eligible.toArray(new HostLoad[0]);
        Arrays.sort(hosts, ORDER);
        this.free = new long[hosts.length];
        for (int i = 0; i < hosts.length; i++) {
            free[i] = hosts[i].freeMiB();
        }
    }

    public int size() {
        return hosts.length;
    }

    HostLoad get(int i) {
        return hosts[i];
    }

    long free(int i) {
        return free[i];
    }

    /** The hosts in the index, for filters that look at the whole pool (N+k). */
    List<HostLoad> usable() {
        return Arrays.asList(hosts);
    }

    /** The first position whose host has at least {@code mib} free; {@link #size()} when none has. */
    int firstHolding(long mib) {
        int lo = 0;
        int hi = hosts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (free[mid] < mib) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first position of the run of hosts with as much free memory as the host at {@code i}. */
    int runStart(int i) {
        return firstHolding(free[i]);
    }
}
