package io.vmpool.core.internal;

import io.vmpool.api.NotFoundException;
import io.vmpool.api.inventory.MachineRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The pool's hosts by name, and their memory accounting against the recorded machines. */
final class HostRegistry {
    private final Map<String, PoolHost> hosts = new ConcurrentHashMap<>();

    /** @return the host this one replaced, if any */
    PoolHost add(PoolHost host) {
        return hosts.put(host.name(), host);
    }

    void remove(PoolHost host) {
        hosts.remove(host.name(), host);
    }

    PoolHost get(String name) {
        PoolHost h = name == null ? null : hosts.get(name);
        if (h == null) {
            throw new NotFoundException("host " + name + " is not in the pool (hosts: " + names() + ")");
        }
        return h;
    }

    Collection<PoolHost> all() {
        return List.copyOf(hosts.values());
    }

    List<String> names() {
        return hosts.keySet().stream().sorted().toList();
    }

    /**
     * Snapshots every host: a machine counts against its host's memory in every state, so a
     * stopped machine can always start again where it was placed.
     */
    List<HostSnapshot> snapshots(List<MachineRecord> machines) {
        return snapshots(machines, HostHealthView.NONE);
    }

    /** The same, with each host's health state: a host whose state takes no machines gets it as its problem. */
    List<HostSnapshot> snapshots(List<MachineRecord> machines, HostHealthView health) {
        Map<String, long[]> used = new HashMap<>();
        for (MachineRecord m : machines) {
            if (m.host() != null) {
                long[] u = used.computeIfAbsent(m.host(), k -> new long[2]);
                u[0] += m.memoryMiB();
                u[1]++;
            }
        }
        List<HostSnapshot> out = new ArrayList<>();
        for (PoolHost h : all()) {
            long[] u = used.getOrDefault(h.name(), new long[2]);
            var node = h.node();
            String problem = h.problem();
            if (node == null && problem == null) {
                problem = "never connected";
            }
            HostHealthView.Verdict v = health.verdict(h.name());
            String why = problem != null ? "unreachable: " + problem : v.problem();
            out.add(new HostSnapshot(h.name(), node == null ? 0 : node.memoryMiB(), h.reservedMemoryMiB(),
                    u[0], (int) u[1], why, problem != null && v.state().equals("HEALTHY") ? "UNREACHABLE" : v.state()));
        }
        return out;
    }
}
