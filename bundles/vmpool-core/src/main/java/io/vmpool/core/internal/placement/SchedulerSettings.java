package io.vmpool.core.internal.placement;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the scheduler from the configured names ({@code placementWeigher}, {@code placementFilters},
 * {@code nPlusK}); a wrong value is refused with the key, the value, what it may be and the PID.
 */
public final class SchedulerSettings {
    public static final List<String> WEIGHERS = List.of(MostFreeWeigher.NAME, PackingWeigher.NAME);
    public static final List<String> FILTERS = List.of(MaintenanceFilter.NAME, HealthFilter.NAME, MemoryFilter.NAME,
            NPlusKFilter.NAME);

    private SchedulerSettings() {
    }

    public static Scheduler scheduler(String weigher, String filters, int nPlusK, String pid) {
        Weigher w = switch (weigher == null ? "" : weigher.trim()) {
            case MostFreeWeigher.NAME -> new MostFreeWeigher();
            case PackingWeigher.NAME -> new PackingWeigher();
            default -> throw new IllegalArgumentException("placementWeigher '" + weigher + "' is not one of " + WEIGHERS
                    + " (fix it in " + pid + ")");
        };
        if (nPlusK < 0) {
            throw new IllegalArgumentException("nPlusK must be 0 (off) or more, was " + nPlusK + " (fix it in " + pid + ")");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String n : (filters == null ? "" : filters).split(",")) {
            String name = n.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!FILTERS.contains(name)) {
                throw new IllegalArgumentException("placementFilters names '" + name + "', which is not one of " + FILTERS
                        + " (fix it in " + pid + ")");
            }
            names.add(name);
        }
        if (!names.contains(MemoryFilter.NAME)) {
            throw new IllegalArgumentException("placementFilters must include memory (was '" + filters
                    + "'): without it hosts would be overcommitted (fix it in " + pid + ")");
        }
        if (nPlusK > 0 && !names.contains(NPlusKFilter.NAME)) {
            throw new IllegalArgumentException("nPlusK is " + nPlusK + " but placementFilters ('" + filters
                    + "') has no n-plus-k (fix one of them in " + pid + ")");
        }
        List<PlacementFilter> list = new ArrayList<>();
        for (String name : names) {
            switch (name) {
                case MaintenanceFilter.NAME -> list.add(new MaintenanceFilter());
                case HealthFilter.NAME -> list.add(new HealthFilter());
                case MemoryFilter.NAME -> list.add(new MemoryFilter());
                default -> list.add(new NPlusKFilter(nPlusK, "nPlusK=" + nPlusK + " in " + pid));
            }
        }
        return new Scheduler(list, w);
    }
}
