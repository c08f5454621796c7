package io.vmpool.core.internal;

import io.vmpool.api.hypervisor.DiskSpec;
import io.vmpool.api.hypervisor.DomainSpec;
import io.vmpool.api.inventory.MachineRecord;
import io.vmpool.api.storage.Volume;
import java.util.List;
import java.util.Map;

/** Turns a machine record and its volume into the typed domain definition a hypervisor defines. */
final class Domains {
    private Domains() {
    }

    static DomainSpec spec(MachineRecord m, Volume disk) {
        DiskSpec.Kind kind = disk.kind() == Volume.Kind.BLOCK ? DiskSpec.Kind.BLOCK : DiskSpec.Kind.FILE;
        return new DomainSpec(m.name(), m.uuid(), m.memoryMiB(), m.vcpus(),
                List.of(new DiskSpec(disk.path(), kind, "vda")), null,
                Map.of("machine", m.name(), "owner", m.owner(), "volume", disk.id()));
    }
}
