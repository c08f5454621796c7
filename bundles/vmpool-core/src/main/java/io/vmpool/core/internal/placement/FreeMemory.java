package io.vmpool.core.internal.placement;

import java.util.Map;
import java.util.TreeMap;

/** The free memory of a set of hosts as a multiset of amounts, for trying restarts without naming the hosts. */
final class FreeMemory {
    private final TreeMap<Long, int[]> counts = new TreeMap<>();

    void add(long mib) {
        counts.computeIfAbsent(mib, k -> new int[1])[0]++;
    }

    void remove(long mib) {
        int[] c = counts.get(mib);
        if (c == null) {
            throw new IllegalStateException("no host with " + mib + " MiB free to take away");
        }
        if (--c[0] == 0) {
            counts.remove(mib);
        }
    }

    /** The smallest amount that holds {@code mib}, or -1 when none does. */
    long smallestHolding(long mib) {
        Map.Entry<Long, int[]> e = counts.ceilingEntry(mib);
        return e == null ? -1 : e.getKey();
    }

    long largest() {
        return counts.isEmpty() ? 0 : counts.lastKey();
    }
}
