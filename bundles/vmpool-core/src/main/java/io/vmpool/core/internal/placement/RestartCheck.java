package io.vmpool.core.internal.placement;

/**
 * Whether machines could all be started again on hosts with the given free memory: best fit decreasing
 * (largest machine first, each to the host with the least free memory that holds it; that is first fit over
 * the hosts in order of free memory). A heuristic for bin packing: it may say no where a cleverer packing
 * exists, never yes where none does. The free memory is left as it was found.
 */
final class RestartCheck {
    private RestartCheck() {
    }

    /** @param machineMiB largest first */
    static boolean fits(long[] machineMiB, FreeMemory free) {
        long[] undoFrom = new long[machineMiB.length];
        int placed = 0;
        boolean fits = true;
        for (long m : machineMiB) {
            long bin = free.smallestHolding(m);
            if (bin < 0) {
                fits = false;
                break;
            }
            free.remove(bin);
            free.add(bin - m);
            undoFrom[placed++] = bin;
        }
        for (int i = placed - 1; i >= 0; i--) {
            free.remove(undoFrom[i] - machineMiB[i]);
            free.add(undoFrom[i]);
        }
        return fits;
    }
}
