package io.vmpool.core.internal.placement;

import java.util.List;

/** Hosts and schedulers for the scheduler's tests. */
final class Pools {
    static final String SETTING = "nPlusK in io.vmpool.core";

    private Pools() {
    }

    static HostLoad healthy(String name, long memoryMiB, long reservedMiB, long... machineMiB) {
        return HostLoad.of(name, "HEALTHY", null, memoryMiB, reservedMiB, machineMiB);
    }

    static Scheduler scheduler(String weigher, int nPlusK) {
        return SchedulerSettings.scheduler(weigher, "maintenance,health,memory,n-plus-k", nPlusK, "io.vmpool.core");
    }

    static Scheduler mostFree() {
        return scheduler("most-free", 0);
    }

    static String chosen(Scheduler s, List<HostLoad> hosts, long mib) {
        HostLoad h = s.choose(s.index(hosts), mib);
        return h == null ? null : h.name();
    }
}
