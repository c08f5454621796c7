package io.vmpool.storage.lvm.internal;

import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.lock.LockService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares a device for a pool: {@code pvcreate --metadatasize} sized for a target number of
 * volumes, then {@code vgcreate}. The metadata area is
 * {@code targetVolumes x metadataInitialBytesPerVolume x 2 x (100 + initMetadataMarginPercent) / 100
 * + 2048}, rounded up to whole 512-byte sectors: lvm fills only half of the area (it keeps the previous copy in the other half) and
 * reserves 2048 bytes of it (docs/lvm.md). For the shell; the pool itself never creates VGs.
 */
final class VolumeGroupInit {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeGroupInit.class);
    private static final long SECTOR = 512;

    private final LvmStorageConfig config;
    private final LockService locks;

    VolumeGroupInit(LvmStorageConfig config, LockService locks) {
        this.config = config;
        this.locks = locks;
    }

    /** The metadata area size (bytes) {@link #init} asks pvcreate for. */
    long metadataBytes(int targetVolumes) {
        if (targetVolumes <= 0) {
            throw new InvalidRequestException("targetVolumes", "> 0", "target volume count must be > 0, was " + targetVolumes);
        }
        if (config.initMetadataMarginPercent() < 0) {
            throw new IllegalArgumentException("initMetadataMarginPercent must be >= 0, is "
                    + config.initMetadataMarginPercent() + " (fix it in " + LvmStorageConfig.PID + ")");
        }
        long bytes = Math.multiplyExact(Math.multiplyExact((long) targetVolumes, config.metadataInitialBytesPerVolume()), 2L);
        long area = bytes * (100 + config.initMetadataMarginPercent()) / 100 + MetadataGuard.AREA_RESERVED_BYTES;
        return (area + SECTOR - 1) / SECTOR * SECTOR; // pvcreate takes only whole 512-byte sectors
    }

    /** Runs pvcreate and vgcreate of {@code vgName} on {@code device} under the VG's lease; returns the metadata area size asked for. */
    long init(String device, String vgName, int targetVolumes) {
        LvName.checkVgName(vgName, "name");
        if (device == null || !device.startsWith("/dev/")) {
            throw new InvalidRequestException("device", "/dev/...", "device '" + device + "' is not a /dev path");
        }
        long mda = metadataBytes(targetVolumes);
        try (LvmRunner runner = new LvmRunner(vgName, config.lvmCommand(), config.lvmConfig(), config.commandTimeoutSeconds())) {
            LvmVolumeGroup vg = new LvmVolumeGroup(vgName, vgName, runner);
            new VgLock(vgName, vgName, locks, config.lockWaitSeconds(), config.lockTtlSeconds(),
                    config.commandTimeoutSeconds()).call(lease -> {
                        vg.pvcreate(device, mda);
                        vg.vgcreate(device);
                        return null;
                    });
        }
        LOG.info("initialised volume group {} on {} with a {}-byte metadata area for {} volumes", vgName, device, mda,
                targetVolumes);
        return mda;
    }
}
