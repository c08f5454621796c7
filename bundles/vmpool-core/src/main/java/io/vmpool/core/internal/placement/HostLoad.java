package io.vmpool.core.internal.placement;

import java.util.Arrays;

/**
 * One host as the scheduler sees it at one moment: its health {@code state} and, when that state (or an
 * unreachable connection) keeps machines off it, {@code stateProblem} in words; its memory and the memory of
 * every machine recorded on it, in any state ({@code machineMiB}, largest first), so a stopped machine can
 * always start again where it is.
 */
public record HostLoad(String name, String state, String stateProblem, long memoryMiB, long reservedMiB,
        long allocatedMiB, long[] machineMiB) {

    public static final String MAINTENANCE = "MAINTENANCE";

    /** A host whose machines' sizes are given in any order. */
    public static HostLoad of(String name, String state, String stateProblem, long memoryMiB, long reservedMiB,
            long... machineMiB) {
        long[] sorted = machineMiB.clone();
        Arrays.sort(sorted);
        for (int i = 0, j = sorted.length - 1; i < j; i++, j--) {
            long t = sorted[i];
            sorted[i] = sorted[j];
            sorted[j] = t;
        }
        return new HostLoad(name, state, stateProblem, memoryMiB, reservedMiB, Arrays.stream(sorted).sum(), sorted);
    }

    /** Memory a new machine may still take: total less reserve less allocations, never below 0. */
    public long freeMiB() {
        return Math.max(0, memoryMiB - reservedMiB - allocatedMiB);
    }

    public int machines() {
        return machineMiB.length;
    }

    /** The same host with one more machine of {@code memoryMiB} placed on it. */
    public HostLoad plus(long memoryMiB) {
        long[] more = new long[machineMiB.length + 1];
        int i = 0;
        int j = 0;
        boolean placed = false;
        while (i < machineMiB.length || !placed) {
            if (!placed && (i == machineMiB.length || machineMiB[i] <= memoryMiB)) {
                more[j++] = memoryMiB;
                placed = true;
            } else {
                more[j++] = machineMiB[i++];
            }
        }
        return new HostLoad(name, state, stateProblem, this.memoryMiB, reservedMiB, allocatedMiB + memoryMiB, more);
    }
}
