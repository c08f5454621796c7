package io.vmpool.core.internal.placement;

import java.util.Comparator;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;

/** Weigher {@code packing}: the host with the least free memory that still holds the machine, filling hosts up. */
public final class PackingWeigher implements Weigher {
    public static final String NAME = "packing";
    private static final Comparator<HostLoad> PREFERENCE = PlacementIndex.ORDER;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(HostLoad host, long memoryMiB) {
        return memoryMiB - host.freeMiB();
    }

    @Override
    public Comparator<HostLoad> preference(long memoryMiB) {
        return PREFERENCE;
    }

    @Override
    public PrimitiveIterator.OfInt candidates(PlacementIndex index, long memoryMiB) {
        int first = index.firstHolding(memoryMiB);
        return new PrimitiveIterator.OfInt() {
            private int next = first;

            @Override
            public boolean hasNext() {
                return next < index.size();
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
