package io.vmpool.core.internal.placement;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * For N+1, worked out once per decision: for every usable host, a packing of its machines onto the other usable
 * hosts as they are (best fit decreasing), and which hosts' free memory it relies on. Placing a machine on a host
 * only shrinks that host's free memory, so a packing that left a host of that free amount untouched stays valid:
 * only the hosts whose packing failed, or needed every host of the candidate's free amount, are checked again.
 */
final class RestartWitnesses {
    private final List<HostLoad> usable;
    private final List<Integer> failing = new ArrayList<>();
    private final Map<Long, List<Integer>> relyingOn = new HashMap<>();
    /** Every usable host's free memory, shared by the checks (each leaves it as it found it). */
    final FreeMemory free = new FreeMemory();
    /** The usable hosts by free memory (positions), for the packings made here. */
    private final TreeMap<Long, ArrayDeque<Integer>> bins = new TreeMap<>();

    RestartWitnesses(List<HostLoad> usable) {
        this.usable = usable;
        Map<Long, Integer> hostsWith = new HashMap<>();
        for (int i = 0; i < usable.size(); i++) {
            long mib = usable.get(i).freeMiB();
            free.add(mib);
            hostsWith.merge(mib, 1, Integer::sum);
            bins.computeIfAbsent(mib, k -> new ArrayDeque<>()).addLast(i);
        }
        for (int f = 0; f < usable.size(); f++) {
            Map<Long, Integer> used = packing(f);
            if (used == null) {
                failing.add(f);
                continue;
            }
            long own = usable.get(f).freeMiB();
            for (Map.Entry<Long, Integer> u : used.entrySet()) {
                int others = hostsWith.get(u.getKey()) - (own == u.getKey() ? 1 : 0);
                if (u.getValue() >= others) {
                    relyingOn.computeIfAbsent(u.getKey(), k -> new ArrayList<>()).add(f);
                }
            }
        }
    }

    /** Positions in the usable hosts of those whose restart must be checked again when a host of {@code freeMiB} shrinks. */
    List<Integer> toCheck(long freeMiB) {
        List<Integer> out = new ArrayList<>(failing);
        out.addAll(relyingOn.getOrDefault(freeMiB, List.of()));
        return out;
    }

    HostLoad host(int position) {
        return usable.get(position);
    }

    /**
     * The original free amounts of the hosts a best-fit-decreasing packing of host {@code f}'s machines used,
     * with how many hosts of each; null when it fails. Works on the shared {@link #bins} and restores them.
     */
    private Map<Long, Integer> packing(int f) {
        long[] machines = usable.get(f).machineMiB();
        Map<Long, Integer> used = new HashMap<>();
        List<long[]> moves = new ArrayList<>(machines.length); // {host, from amount, to amount, 1 if f was stepped over}
        Set<Integer> touched = new HashSet<>();
        boolean fits = true;
        for (long m : machines) {
            Map.Entry<Long, ArrayDeque<Integer>> e = bins.ceilingEntry(m);
            while (e != null && e.getValue().size() == 1 && e.getValue().peekFirst() == f) {
                e = bins.higherEntry(e.getKey());
            }
            if (e == null) {
                fits = false;
                break;
            }
            ArrayDeque<Integer> from = e.getValue();
            boolean stepOver = from.peekFirst() == f;
            Integer self = stepOver ? from.pollFirst() : null;
            int bin = from.pollFirst();
            if (stepOver) {
                from.addFirst(self);
            }
            if (from.isEmpty()) {
                bins.remove(e.getKey());
            }
            long to = e.getKey() - m;
            bins.computeIfAbsent(to, k -> new ArrayDeque<>()).addLast(bin);
            moves.add(new long[] {bin, e.getKey(), to, stepOver ? 1 : 0});
            if (touched.add(bin)) {
                used.merge(usable.get(bin).freeMiB(), 1, Integer::sum);
            }
        }
        for (int i = moves.size() - 1; i >= 0; i--) {
            long[] mv = moves.get(i);
            ArrayDeque<Integer> to = bins.get(mv[2]);
            to.pollLast();
            if (to.isEmpty()) {
                bins.remove(mv[2]);
            }
            ArrayDeque<Integer> from = bins.computeIfAbsent(mv[1], k -> new ArrayDeque<>());
            if (mv[3] == 1) {
                Integer self = from.pollFirst();
                from.addFirst((int) mv[0]);
                from.addFirst(self);
            } else {
                from.addFirst((int) mv[0]);
            }
        }
        return fits ? used : null;
    }
}
