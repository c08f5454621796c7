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

    /**
     * Bytes of metadata per LV as observed in {@code vg}. The metadata is a fixed part (the VG, its PVs)
     * plus a part per LV, so the guard remembers its first reading and, once the LV count has changed
     * since, takes the slope between the two: exact whatever the fixed part. Before that, used / LVs
     * (which counts the fixed part against the LVs: too high for a VG with few LVs, so it refuses early,
     * never late), and the configured estimate while the VG has no LV.
     */
    long bytesPerVolume(VgInfo vg) {
        long used = usable(vg.mdaSize()) - vg.mdaFree();
        Reading first = firstReading(new Reading(vg.lvCount(), used, vg.mdaSize()));
        long lvs = vg.lvCount() - first.lvCount();
        if (first.mdaSize() == vg.mdaSize() && lvs != 0) {
            long slope = ceilDiv(used - first.used(), lvs);
            if (slope > 0) {
                return slope;
            }
        }
        if (vg.lvCount() <= 0 || used <= 0) {
            return initialBytesPerVolume;
        }
        return ceilDiv(used, vg.lvCount()); // rounded up: the guard errs towards refusing
    }

    /** One reading of the VG: LVs, metadata bytes used, area size (a new PV may change the area). */
    private record Reading(long lvCount, long used, long mdaSize) {
    }

    private volatile Reading first;

    private synchronized Reading firstReading(Reading now) {
        if (first == null || first.mdaSize() != now.mdaSize()) {
            first = now;
        }
        return first;
    }

    private static long ceilDiv(long a, long b) {
        return b < 0 ? ceilDiv(-a, -b) : Math.floorDiv(a + b - 1, b);
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
