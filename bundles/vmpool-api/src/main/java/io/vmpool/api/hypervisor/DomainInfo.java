package io.vmpool.api.hypervisor;

import java.util.UUID;

/** A domain found on a host. */
public record DomainInfo(String name, UUID uuid, DomainState state, long memoryMiB, int vcpus) {
}
