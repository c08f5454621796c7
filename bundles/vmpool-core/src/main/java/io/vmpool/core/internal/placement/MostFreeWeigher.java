package io.vmpool.core.internal.placement;

import java.util.Comparator;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;

/** Weigher {@code most-free} (the default): the host with the most free memory, spreading machines out. */
public final class MostFreeWeigher implements Weigher {
    public static final String NAME = "most-free";
    private static final Comparator<HostLoad> PREFERENCE = Comparator.comparingLong(HostLoad::freeMiB).reversed()
            .thenComparingInt(HostLoad::machines).thenComparing(HostLoad::name);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(HostLoad host, long memoryMiB) {
        return host.freeMiB() - memoryMiB;
    }

    @Override
    public Comparator<HostLoad> preference(long memoryMiB) {
        return PREFERENCE;
    }

    /** From the run of hosts with the most free memory down; inside a run in index order (fewer machines, name). */
    @Override
    public PrimitiveIterator.OfInt candidates(PlacementIndex index, long memoryMiB) {
        int lowest = index.firstHolding(memoryMiB);
        return new PrimitiveIterator.OfInt() {
            private int runStart = index.size() == 0 ? 0 : index.runStart(index.size() - 1);
            private int runEnd = index.size();
            private int next = runStart;

            @Override
            public boolean hasNext() {
                if (next >= runEnd && runStart > lowest) {
                    runEnd = runStart;
                    runStart = index.runStart(runStart - 1);
                    next = runStart;
                }
                return next < runEnd && next >= lowest;
            }

            @Override
            public int nextInt() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return next++;
            }
        };
    }
}
