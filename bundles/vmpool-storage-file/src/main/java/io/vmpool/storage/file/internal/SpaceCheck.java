package io.vmpool.storage.file.internal;

import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.LimitExceededException;
import io.vmpool.api.storage.StorageException;

/**
 * Decides before anything is written whether a volume may be created: its size is positive, within
 * {@code maxVolumeGiB}, and fits the file system's usable space with {@code minFreeMiB} to spare.
 * A sparse file takes almost nothing at first, but the guest will fill it, so the whole size counts.
 */
final class SpaceCheck {
    private static final long MIB = 1024L * 1024;
    private static final long GIB = 1024L * MIB;

    private final String pool;
    private final long maxVolumeGiB;
    private final long minFreeMiB;

    SpaceCheck(String pool, long maxVolumeGiB, long minFreeMiB) {
        if (maxVolumeGiB <= 0) {
            throw new IllegalArgumentException("maxVolumeGiB must be > 0, is " + maxVolumeGiB
                    + " (fix it in " + FileStorageConfig.PID + ")");
        }
        if (minFreeMiB < 0) {
            throw new IllegalArgumentException("minFreeMiB must be >= 0, is " + minFreeMiB
                    + " (fix it in " + FileStorageConfig.PID + ")");
        }
        this.pool = pool;
        this.maxVolumeGiB = maxVolumeGiB;
        this.minFreeMiB = minFreeMiB;
    }

    /** Checks the size alone (no file system access). */
    void checkSize(long sizeBytes) {
        if (sizeBytes <= 0) {
            throw new InvalidRequestException("sizeBytes", "> 0", "volume size must be > 0 bytes, was " + sizeBytes);
        }
        if (sizeBytes > maxVolumeGiB * GIB) {
            throw new LimitExceededException("maxVolumeGiB", maxVolumeGiB, FileStorageConfig.PID,
                    "a volume of " + sizeBytes + " bytes (" + gib(sizeBytes) + " GiB) is larger than pool "
                            + pool + " allows");
        }
    }

    /** Checks the size against what the file system can still hold. */
    void checkRoom(long sizeBytes, long usableBytes, String where) {
        if (sizeBytes > usableBytes) {
            throw new StorageException(pool, "not enough space for a volume of " + sizeBytes + " bytes ("
                    + gib(sizeBytes) + " GiB) in " + where + ": the file system has " + usableBytes + " bytes ("
                    + gib(usableBytes) + " GiB) usable");
        }
        long left = usableBytes - sizeBytes;
        if (left < minFreeMiB * MIB) {
            throw new LimitExceededException("minFreeMiB", minFreeMiB, FileStorageConfig.PID,
                    "a volume of " + sizeBytes + " bytes would leave " + left + " bytes (" + left / MIB
                            + " MiB) usable in " + where + " (" + usableBytes + " bytes usable now)");
        }
    }

    private static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.2f", bytes / (double) GIB);
    }
}
