package io.vmpool.api.storage;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A place where machine disks live. Several pools may be registered at once; each has a unique
 * {@link #id()} (service property {@code vmpool.storage.pool}) and every volume id starts with
 * it, so a volume id alone says which pool holds it.
 */
@ProviderType
public interface StoragePool {

    /** Service property carrying {@link #id()}. */
    String POOL_PROPERTY = "vmpool.storage.pool";

    /** E.g. {@code file} or {@code lvm-vg0}. */
    String id();

    /** Creates a volume named from the request's machine and disk; fails if it exists. */
    Volume create(VolumeRequest request);

    /** Deletes the volume; deleting one that does not exist is not an error. */
    void delete(String volumeId);

    Optional<Volume> find(String volumeId);

    List<Volume> volumes();

    PoolCapacity capacity();
}
