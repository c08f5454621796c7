package io.vmpool.core.internal;

import io.vmpool.api.inventory.MachineRecord;
import io.vmpool.core.internal.placement.HostLoad;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns the registry's host snapshots and the recorded machines into what the scheduler reads. */
final class HostLoads {
    private HostLoads() {
    }

    static List<HostLoad> of(List<HostSnapshot> snapshots, List<MachineRecord> machines) {
        Map<String, List<Long>> sizes = new HashMap<>();
        for (MachineRecord m : machines) {
            if (m.host() != null) {
                sizes.computeIfAbsent(m.host(), k -> new ArrayList<>()).add(m.memoryMiB());
            }
        }
        List<HostLoad> out = new ArrayList<>(snapshots.size());
        for (HostSnapshot s : snapshots) {
            long[] mib = sizes.getOrDefault(s.name(), List.of()).stream().mapToLong(Long::longValue).toArray();
            out.add(HostLoad.of(s.name(), s.health(), s.problem(), s.memoryMiB(), s.reservedMiB(), mib));
        }
        return out;
    }
}
