package io.vmpool.api.machine;

/**
 * What a user asks for. Sizes are in MiB (memory) and GiB (disk). {@code owner} may be null, in
 * which case the caller owns the machine; only an administrator may name another owner.
 */
public record MachineSpec(String name, long memoryMiB, int vcpus, long diskGiB, String owner) {
}
