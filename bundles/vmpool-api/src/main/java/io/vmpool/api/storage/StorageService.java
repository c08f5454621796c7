package io.vmpool.api.storage;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The storage pools as vmpool's front doors see them: every registered pool, its health and
 * volumes, and a reconciliation against the inventory. Implemented by the core; the shell's
 * storage:* commands and the REST storage resources use it.
 */
@ProviderType
public interface StorageService {

    /** Every pool registered now, by id; {@code defaultPool} says which one a create uses unless told. */
    List<PoolSummary> pools();

    /** The health of pool {@code id}; {@link io.vmpool.api.NotFoundException} if there is no such pool. */
    StorageHealth health(String id);

    /** The volumes of pool {@code id}. */
    List<Volume> volumes(String id);

    /** Orphan volumes and machines whose volume is gone, over every pool; reports, deletes nothing. */
    StorageReport reconcile();

    /**
     * Prepares {@code device} as a new pool of kind {@code kind} named {@code name}, sized for
     * {@code targetVolumes} volumes (LVM: pvcreate with a metadata area for that many, then vgcreate).
     * Returns what was done, in words. The device must hold nothing; the pool is then configured as usual.
     */
    String initialize(String kind, String device, String name, int targetVolumes);

    /**
     * A pool as listed: id, kind ({@code file}, {@code lvm}), whether it is the default, capacity and
     * volume count; {@code problem} says, in words, why capacity and volumes could not be read now
     * (then they are zero), null when they could.
     */
    record PoolSummary(String id, String kind, boolean defaultPool, PoolCapacity capacity, int volumes, String problem) {
    }
}
