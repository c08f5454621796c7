package io.vmpool.api.hypervisor;

/** What a host reports about itself. {@code hypervisorType} is e.g. {@code QEMU} or {@code TEST}. */
public record NodeInfo(String hostname, String model, int cpus, long memoryMiB, String hypervisorType) {
}
