package io.vmpool.api.hypervisor;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A typed domain definition; the backend turns it into the hypervisor's format with an XML
 * library, never by pasting these strings into markup. {@code labels} are kept in the domain's
 * metadata (owner, vmpool version) so a domain can be traced back to its record.
 */
public record DomainSpec(
        String name,
        UUID uuid,
        long memoryMiB,
        int vcpus,
        List<DiskSpec> disks,
        String consoleLogPath,
        Map<String, String> labels) {

    public DomainSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
        disks = List.copyOf(disks);
        labels = Map.copyOf(labels);
    }
}
