package io.vmpool.api.storage;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A place where machine disks live. Several pools may be registered at once; each has a unique
 * {@link #id()} (service property {@code vmpool.storage.pool}), and a volume id alone says which
 * pool holds it ({@link #owns(String)}): {@code file:vmpool_web1_disk0.img},
 * {@code lvm:vg0/vmpool_web1_disk0}.
 */
@ProviderType
public interface StoragePool {

    /** Service property carrying {@link #id()}. */
    String POOL_PROPERTY = "vmpool.storage.pool";

    /** E.g. {@code file} or {@code vg0}. */
    String id();

    /**
     * Whether {@code volumeId} names a volume of this pool (which need not exist). By default a
     * volume id is {@code <id>:<name>}; a pool with another scheme (LVM: {@code lvm:<vg>/<lv>})
     * overrides this. No two pools registered at once may own the same id.
     *
     * @since 1.1
     */
    default boolean owns(String volumeId) {
        return volumeId != null && volumeId.startsWith(id() + ":");
    }

    /** Creates a volume named from the request's machine and disk; fails if it exists. */
    Volume create(VolumeRequest request);

    /** Deletes the volume; deleting one that does not exist is not an error. */
    void delete(String volumeId);

    Optional<Volume> find(String volumeId);

    List<Volume> volumes();

    PoolCapacity capacity();

    /**
     * The kind of pool, {@code file} or {@code lvm} (what {@code storage:list} shows).
     *
     * @since 1.1
     */
    String kind();

    /**
     * Volumes, space, metadata room and warnings now. By default: capacity and volume count only, for
     * a pool with no metadata area of its own.
     *
     * @since 1.1
     */
    default StorageHealth health() {
        return new StorageHealth(id(), volumes().size(), capacity(), null, java.util.List.of());
    }

    /**
     * Sets who is told, in words, when the pool enters a warning state (LVM: metadata area below its
     * warning level), once per entry. The core sets it when it binds the pool and records each as an
     * event. A pool with nothing to warn about ignores it, the default.
     *
     * @since 1.1
     */
    default void onWarning(java.util.function.Consumer<String> listener) {
    }

    /**
     * Makes the volume usable by {@code host} before a machine starts there, and only there (LVM:
     * exclusive activation). The caller holds the volume's exclusive lease. Nothing to do for a pool
     * whose volumes are plain files, the default.
     *
     * @since 1.1
     */
    default void activate(String volumeId, String host) {
    }

    /**
     * Undoes {@link #activate} after the machine stopped on {@code host}. Nothing to do by default.
     *
     * @since 1.1
     */
    default void deactivate(String volumeId, String host) {
    }
}
