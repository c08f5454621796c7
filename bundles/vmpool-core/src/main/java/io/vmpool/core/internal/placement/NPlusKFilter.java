package io.vmpool.core.internal.placement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Filter {@code n-plus-k}: with the machine on the host, the machines of any k usable hosts must still fit on
 * the other usable hosts' free memory ({@link RestartCheck}). For k = 1 every single host is tried, reusing one
 * packing per host made for the whole decision ({@link RestartWitnesses}). For k ≥ 2
 * the sets tried are each usable host together with the k−1 other usable hosts holding the most machine
 * memory — not every k-subset (their number grows as n^k); a heuristic, like the packing check itself.
 * k = 0 switches the filter off.
 */
public final class NPlusKFilter implements PlacementFilter {
    public static final String NAME = "n-plus-k";
    private static final Comparator<HostLoad> HEAVIEST = Comparator.comparingLong(HostLoad::allocatedMiB).reversed()
            .thenComparing(HostLoad::name);

    private final int k;
    private final String setting;

    /** @param setting where k is configured, for the refusal's words (e.g. "nPlusK=1 in io.vmpool.core") */
    public NPlusKFilter(int k, String setting) {
        this.k = k;
        this.setting = setting;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean hostOnly() {
        return false;
    }

    public int k() {
        return k;
    }

    @Override
    public String refusal(HostLoad host, PlacementContext context) {
        if (k == 0) {
            return null;
        }
        if (context.usable().size() <= k) {
            return tooFew(context.usable().size());
        }
        if (k == 1) {
            return singleHost(host, context);
        }
        return fresh(host, context);
    }

    /** Every failure set checked afresh with the machine on {@code host}. */
    private String fresh(HostLoad host, PlacementContext context) {
        List<HostLoad> after = new ArrayList<>(context.usable().size());
        FreeMemory free = new FreeMemory();
        for (HostLoad h : context.usable()) {
            HostLoad a = h.name().equals(host.name()) ? h.plus(context.memoryMiB()) : h;
            after.add(a);
            free.add(a.freeMiB());
        }
        List<HostLoad> heaviest = after.stream().sorted(HEAVIEST).limit(k).toList();
        for (HostLoad failed : after) {
            List<HostLoad> set = new ArrayList<>(k);
            set.add(failed);
            for (HostLoad h : heaviest) {
                if (set.size() < k && h != failed) {
                    set.add(h);
                }
            }
            String refusal = survives(set, free);
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    private String tooFew(int usable) {
        return "N+" + k + " needs more than " + k + " usable hosts, so that the machines of " + k
                + " can restart on the rest; there " + (usable == 1 ? "is 1" : "are " + usable) + " (" + setting + ")";
    }

    /**
     * k = 1, every usable host tried: the candidate's own machines with the new one on the others as they are, then
     * the hosts whose restart packing ({@link RestartWitnesses}, made once per decision) the candidate's shrinking
     * could spoil, on the others with the candidate's free memory less the machine.
     */
    private String singleHost(HostLoad host, PlacementContext context) {
        // The first host asked (the best candidate) is checked afresh, cheaper when it passes; what passes afresh
        // passes with the packings too, so the answer is the same either way.
        if (!context.memo().containsKey(RestartWitnesses.class)
                && context.memo().putIfAbsent(NPlusKFilter.class, Boolean.TRUE) == null
                && fresh(host, context) == null) {
            return null;
        }
        RestartWitnesses witnesses = context.memo(RestartWitnesses.class, () -> new RestartWitnesses(context.usable()));
        FreeMemory free = witnesses.free;
        HostLoad after = host.plus(context.memoryMiB());
        String own = survives(List.of(after), free, host.freeMiB());
        if (own != null) {
            return own;
        }
        free.remove(host.freeMiB());
        free.add(after.freeMiB());
        try {
            for (int position : witnesses.toCheck(host.freeMiB())) {
                HostLoad failed = witnesses.host(position);
                if (!failed.name().equals(host.name())) {
                    String refusal = survives(List.of(failed), free, failed.freeMiB());
                    if (refusal != null) {
                        return refusal;
                    }
                }
            }
            return null;
        } finally {
            free.remove(after.freeMiB());
            free.add(host.freeMiB());
        }
    }

    /** Null when the machines of {@code set} fit on the others; otherwise which hosts' machines would not. */
    private String survives(List<HostLoad> set, FreeMemory free) {
        return survives(set, free, -1);
    }

    /** The same; {@code freeInPool} (when not -1) is what the single host of {@code set} counts for in {@code free}. */
    private String survives(List<HostLoad> set, FreeMemory free, long freeInPool) {
        long[] machines = set.size() == 1 ? set.get(0).machineMiB() : merged(set);
        if (machines.length == 0) {
            return null;
        }
        long[] inPool = set.stream().mapToLong(h -> freeInPool >= 0 ? freeInPool : h.freeMiB()).toArray();
        Arrays.stream(inPool).forEach(free::remove);
        try {
            if (RestartCheck.fits(machines, free)) {
                return null;
            }
            String names = String.join(" and ", set.stream().map(HostLoad::name).toList());
            return String.format(Locale.ROOT, "N+%d: if %s failed, %s %d machine%s (%,d MiB, the largest %,d MiB) could not"
                    + " all restart on the other usable hosts (the most free there: %,d MiB; %s)", k, names,
                    set.size() == 1 ? "its" : "their", machines.length, machines.length == 1 ? "" : "s", Arrays.stream(machines).sum(), machines[0],
                    free.largest(), setting);
        } finally {
            Arrays.stream(inPool).forEach(free::add);
        }
    }

    private static long[] merged(List<HostLoad> set) {
        long[] all = set.stream().flatMapToLong(h -> Arrays.stream(h.machineMiB())).sorted().toArray();
        for (int i = 0, j = all.length - 1; i < j; i++, j--) {
            long t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return all;
    }
}
