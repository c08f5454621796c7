package io.vmpool.storage.lvm.internal;

import io.vmpool.api.LimitExceededException;
import io.vmpool.api.storage.StorageException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps lvm from ever failing with "exceeds maximum metadata size": learns how many bytes of VG
 * metadata one LV takes (used / lv_count, a configured estimate while there are none), turns
 * {@code vg_mda_free} into "about N more volumes", refuses a create that would leave fewer than
 * {@code metadataFloorVolumes}, and warns (log + listener) below {@code metadataWarnPercent}.
 * The formula and the measurements behind it are in docs/lvm.md.
 */
final class MetadataGuard {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataGuard.class);
    /**
     * lvm2's format reserves this much of every metadata area before halving the rest (measured on
     * 2.03.16: an area of 32768 bytes reports 15360 free on a fresh PV, of 1044480 bytes 521216).
     * A fact of the on-disk format, not a vmpool limit.
     */
    static final long AREA_RESERVED_BYTES = 2048;

    private final String pool;
    private final int floorVolumes;
    private final long initialBytesPerVolume;
    private final int warnPercent;
    private final Consumer<String> listener;
    private volatile boolean warned;

    MetadataGuard(String pool, int floorVolumes, long initialBytesPerVolume, int warnPercent, Consumer<String> listener) {
        if (floorVolumes < 0) {
            throw new IllegalArgumentException("metadataFloorVolumes must be >= 0, is " + floorVolumes + " (fix it in "
                    + LvmStorageConfig.PID + ")");
        }
        if (initialBytesPerVolume <= 0) {
            throw new IllegalArgumentException("metadataInitialBytesPerVolume must be > 0, is " + initialBytesPerVolume
                    + " (fix it in " + LvmStorageConfig.PID + ")");
        }
        if (warnPercent < 0 || warnPercent > 100) {
            throw new IllegalArgumentException("metadataWarnPercent must be 0..100, is " + warnPercent + " (fix it in "
                    + LvmStorageConfig.PID + ")");
        }
        this.pool = pool;
        this.floorVolumes = floorVolumes;
        this.initialBytesPerVolume = initialBytesPerVolume;
        this.warnPercent = warnPercent;
        this.listener = listener;
    }

    /** The usable half of a metadata area of {@code areaBytes}. */
    static long usable(long areaBytes) {
        return Math.max(0, (areaBytes - AREA_RESERVED_BYTES) / 2);
    }

    /** Bytes of metadata per LV as observed in {@code vg}, or the configured estimate while it has none. */
    long bytesPerVolume(VgInfo vg) {
        long used = usable(vg.mdaSize()) - vg.mdaFree();
        if (vg.lvCount() <= 0 || used <= 0) {
            return initialBytesPerVolume;
        }
        return (used + vg.lvCount() - 1) / vg.lvCount(); // rounded up: the guard errs towards refusing
    }

    /** The health of {@code vg}'s metadata; logs a warning and tells the listener when it enters the warning state. */
    MetadataHealth health(VgInfo vg) {
        if (vg.mdaCount() <= 0) {
            throw new StorageException(pool, "volume group " + vg.name() + " has no metadata area in use (vg_mda_count="
                    + vg.mdaCount() + "): lvm cannot record a change; see pvchange --metadataignore");
        }
        long usable = usable(vg.mdaSize());
        long perVolume = bytesPerVolume(vg);
        long free = Math.max(0, vg.mdaFree());
        int percent = usable == 0 ? 0 : (int) (free * 100 / usable);
        boolean warning = percent < warnPercent;
        MetadataHealth h = new MetadataHealth(vg.name(), vg.mdaSize(), usable, free, vg.mdaCount(), vg.lvCount(),
                perVolume, free / perVolume, percent, vg.freeExtents(), warning);
        if (warning && !warned) {
            String message = "pool " + pool + ": " + h.summary() + "; below metadataWarnPercent=" + warnPercent + " ("
                    + LvmStorageConfig.PID + "). " + remedy(vg.name());
            LOG.warn(message);
            listener.accept(message);
        }
        warned = warning;
        return h;
    }

    /** Refuses (before anything is created) a create that would leave fewer than the floor of volumes' metadata. */
    MetadataHealth checkCreate(VgInfo vg, String lvName) {
        MetadataHealth h = health(vg);
        long after = h.headroomVolumes() - 1;
        if (after < floorVolumes) {
            throw new LimitExceededException("metadataFloorVolumes", floorVolumes, LvmStorageConfig.PID,
                    "refusing to create " + vg.name() + "/" + lvName + ": the " + h.summary() + "; after this volume "
                            + Math.max(0, after) + " would fit, fewer than the " + floorVolumes
                            + " that must stay free so lvm never fails with 'exceeds maximum metadata size'. "
                            + remedy(vg.name()));
        }
        return h;
    }

    private static String remedy(String vg) {
        return "To make room: add a PV with a larger metadata area (pvcreate --metadatasize <size> <device>; "
                + "vgextend " + vg + " <device>), then pvchange --metadataignore y <old PVs> so only the large area is "
                + "used; or delete volumes";
    }
}
