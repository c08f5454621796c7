package io.vmpool.core.internal;

import io.vmpool.api.machine.HostRefusal;
import io.vmpool.api.machine.NoCapacityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the host for a new machine: the usable host with the most free memory after what is
 * already allocated there and its reserve. Ties go to the host with fewer machines, then by name,
 * so the choice is deterministic.
 */
final class Placement {
    private static final Comparator<HostSnapshot> PREFERENCE = Comparator
            .comparingLong(HostSnapshot::freeMiB).reversed()
            .thenComparingInt(HostSnapshot::machines)
            .thenComparing(HostSnapshot::name);

    private Placement() {
    }

    /** @throws NoCapacityException naming every host and why it could not take the machine */
    static HostSnapshot choose(List<HostSnapshot> hosts, String machine, long memoryMiB) {
        List<HostRefusal> refusals = new ArrayList<>();
        HostSnapshot best = null;
        for (HostSnapshot h : hosts.stream().sorted(PREFERENCE).toList()) {
            if (h.problem() != null) {
                refusals.add(new HostRefusal(h.name(), h.problem(), h.freeMiB()));
            } else if (h.freeMiB() < memoryMiB) {
                refusals.add(new HostRefusal(h.name(), "needs " + memoryMiB + " MiB, has " + h.freeMiB()
                        + " MiB free of " + h.memoryMiB() + " (" + h.allocatedMiB() + " allocated, "
                        + h.reservedMiB() + " reserved)", h.freeMiB()));
            } else if (best == null) {
                best = h;
            }
        }
        if (best == null) {
            throw new NoCapacityException("no host can take machine " + machine + " with " + memoryMiB
                    + " MiB of memory", refusals);
        }
        return best;
    }
}
