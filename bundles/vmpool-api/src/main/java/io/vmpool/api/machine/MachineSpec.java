package io.vmpool.api.machine;

/**
 * What a user asks for. Sizes are in MiB (memory) and GiB (disk). {@code owner} may be null, in
 * which case the caller owns the machine; only an administrator may name another owner.
 * {@code pool} names the storage pool of its disk; null: the default pool
 * ({@code defaultStoragePool} of {@code io.vmpool.core}).
 */
public record MachineSpec(String name, long memoryMiB, int vcpus, long diskGiB, String owner, String pool) {

    /** A machine on the default storage pool. */
    public MachineSpec(String name, long memoryMiB, int vcpus, long diskGiB, String owner) {
        this(name, memoryMiB, vcpus, diskGiB, owner, null);
    }
}
