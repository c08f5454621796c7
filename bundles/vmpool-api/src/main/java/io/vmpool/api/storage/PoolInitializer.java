package io.vmpool.api.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Prepares new pools of one kind on a device (LVM: a PV with a metadata area sized for a number of
 * volumes, and a VG on it). Registered by a storage backend bundle; used through
 * {@link StorageService#initialize}.
 */
@ConsumerType
public interface PoolInitializer {

    /** Service property naming the kind, e.g. {@code lvm}. */
    String KIND_PROPERTY = "vmpool.storage.kind";

    /** The kind of pool it makes. */
    String kind();

    /** Makes pool {@code name} on {@code device} for {@code targetVolumes} volumes; returns what was done, in words. */
    String initialize(String device, String name, int targetVolumes);
}
