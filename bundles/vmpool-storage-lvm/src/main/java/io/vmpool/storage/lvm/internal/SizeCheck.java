package io.vmpool.storage.lvm.internal;

import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.LimitExceededException;

/**
 * Decides before anything is created whether a size may be asked of lvm: positive, within
 * {@code maxVolumeGiB}, and within the VG's free extents (lvm rounds a size up to whole extents).
 */
final class SizeCheck {
    private static final long GIB = 1024L * 1024 * 1024;

    private final String pool;
    private final long maxVolumeGiB;

    SizeCheck(String pool, long maxVolumeGiB) {
        if (maxVolumeGiB <= 0) {
            throw new IllegalArgumentException("maxVolumeGiB must be > 0, is " + maxVolumeGiB + " (fix it in "
                    + LvmStorageConfig.PID + ")");
        }
        this.pool = pool;
        this.maxVolumeGiB = maxVolumeGiB;
    }

    /** Checks the size alone (no lvm command). */
    void checkSize(long sizeBytes) {
        if (sizeBytes <= 0) {
            throw new InvalidRequestException("sizeBytes", "> 0", "volume size must be > 0 bytes, was " + sizeBytes);
        }
        if (sizeBytes > maxVolumeGiB * GIB) {
            throw new LimitExceededException("maxVolumeGiB", maxVolumeGiB, LvmStorageConfig.PID, "a volume of "
                    + sizeBytes + " bytes (" + gib(sizeBytes) + " GiB) is larger than pool " + pool + " allows");
        }
    }

    /** The whole extents of {@code vg} that {@code sizeBytes} takes (rounded up, as lvm rounds). */
    static long extents(long sizeBytes, VgInfo vg) {
        return (sizeBytes + vg.extentSize() - 1) / vg.extentSize();
    }

    /** Checks that the whole extents {@code sizeBytes} needs are free in {@code vg}. */
    void checkRoom(long sizeBytes, VgInfo vg) {
        long extents = extents(sizeBytes, vg);
        if (extents > vg.freeExtents()) {
            throw new InvalidRequestException("sizeBytes", "<= " + vg.freeBytes() + " bytes (the free extents of volume "
                    + "group " + vg.name() + ")", "a volume of " + sizeBytes + " bytes (" + gib(sizeBytes) + " GiB) needs "
                    + extents + " extents of " + vg.extentSize() + " bytes, but volume group " + vg.name() + " has "
                    + vg.freeExtents() + " free (" + vg.freeBytes() + " bytes, " + gib(vg.freeBytes()) + " GiB)");
        }
    }

    private static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.2f", bytes / (double) GIB);
    }
}
