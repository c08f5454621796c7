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

    /** The serial console log of a machine in {@code directory} (empty: none), as vmpool-health expects it. */
    static String consoleLog(String directory, String machine) {
        if (directory == null || directory.isBlank()) {
            return null;
        }
        String dir = directory.strip();
        return (dir.endsWith("/") ? dir : dir + "/") + machine + "-serial.log";
    }

    static DomainSpec spec(MachineRecord m, Volume disk, String consoleLogDirectory) {
        DiskSpec.Kind kind = disk.kind() == Volume.Kind.BLOCK ? DiskSpec.Kind.BLOCK : DiskSpec.Kind.FILE;
        return new DomainSpec(m.name(), m.uuid(), m.memoryMiB(), m.vcpus(),
                List.of(new DiskSpec(disk.path(), kind, "vda")), consoleLog(consoleLogDirectory, m.name()),
                Map.of("machine", m.name(), "owner", m.owner(), "volume", disk.id()));
    }
}
