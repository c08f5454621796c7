package io.vmpool.core.internal.placement;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The hosts that pass every host-only filter, sorted by free memory (then fewer machines, then name), so a
 * weigher finds its best host that fits by binary search: O(log n) instead of a walk over every host; and the
 * hosts that fail a host-only filter (maintenance, health), most free memory first, with which of the
 * scheduler's filters they fail, so an explanation need not ask those filters again.
 * Built from one snapshot of the pool; a new snapshot makes a new index.
 */
public final class PlacementIndex {
    static final Comparator<HostLoad> ORDER = Comparator.comparingLong(HostLoad::freeMiB)
            .thenComparingInt(HostLoad::machines).thenComparing(HostLoad::name);
    static final Comparator<HostLoad> MOST_FREE_FIRST = Comparator.comparingLong(HostLoad::freeMiB).reversed()
            .thenComparing(HostLoad::name);

    private final HostLoad[] hosts;
    private final long[] free;
    private final int[] runStart;
    private final HostLoad[] excluded;
    private final int[] excludedFailures;
    private final long largestCapacityMiB;

    /**
     * @param usable the hosts passing every host-only filter
     * @param excluded the others
     * @param failures for each excluded host, the bit {@code 1 << i} set for each filter {@code i} of the
     *        scheduler's list (at most 32) it fails
     */
    PlacementIndex(List<HostLoad> usable, List<HostLoad> excluded, int[] failures) {
        this.hosts = usable.toArray(new HostLoad[0]);
        Arrays.sort(hosts, ORDER);
        this.free = new long[hosts.length];
        this.runStart = new int[hosts.length];
        long largest = 0;
        for (int i = 0; i < hosts.length; i++) {
            free[i] = hosts[i].freeMiB();
            runStart[i] = i > 0 && free[i] == free[i - 1] ? runStart[i - 1] : i;
            largest = Math.max(largest, capacity(hosts[i]));
        }
        Integer[] byFree = new Integer[excluded.size()];
        for (int i = 0; i < byFree.length; i++) {
            byFree[i] = i;
            largest = Math.max(largest, capacity(excluded.get(i)));
        }
        Arrays.sort(byFree, Comparator.comparing(excluded::get, MOST_FREE_FIRST));
        this.excluded = new HostLoad[byFree.length];
        this.excludedFailures = new int[byFree.length];
        for (int i = 0; i < byFree.length; i++) {
            this.excluded[i] = excluded.get(byFree[i]);
            this.excludedFailures[i] = failures[byFree[i]];
        }
        this.largestCapacityMiB = largest;
    }

    /** Memory a machine may have on this host at most: its total less its reserve. */
    static long capacity(HostLoad h) {
        return h.memoryMiB() - h.reservedMiB();
    }

    /** How many hosts pass every host-only filter. */
    public int size() {
        return hosts.length;
    }

    /** How many hosts fail a host-only filter. */
    public int excludedCount() {
        return excluded.length;
    }

    HostLoad get(int i) {
        return hosts[i];
    }

    long free(int i) {
        return free[i];
    }

    /** The {@code i}th host that fails a host-only filter, most free memory first. */
    HostLoad excluded(int i) {
        return excluded[i];
    }

    /** The filters (bits by position in the scheduler's list) the {@code i}th excluded host fails. */
    int excludedFailures(int i) {
        return excludedFailures[i];
    }

    /** The largest machine any host of the snapshot could take if it were empty (its memory after its reserve). */
    long largestCapacityMiB() {
        return largestCapacityMiB;
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

    /** The first position of the run of hosts with as much free memory as the host at {@code i}. O(1). */
    int runStart(int i) {
        return runStart[i];
    }
}
