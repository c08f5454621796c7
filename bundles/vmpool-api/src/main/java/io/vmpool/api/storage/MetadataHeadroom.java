package io.vmpool.api.storage;

/**
 * Room left in a pool's metadata area, for pools that have one (LVM: the VG metadata area on each PV,
 * of which only half can hold metadata). {@code volumesLeft} is "about N more volumes" at the
 * observed {@code bytesPerVolume}; {@code warning} is set below the pool's configured threshold.
 *
 * @param areaBytes size of one metadata area
 * @param usableBytes the part of it that can hold metadata
 * @param freeBytes of the usable part, what is free now
 * @param areas how many metadata areas the VG keeps (one per PV that is not ignored)
 * @param bytesPerVolume metadata one more volume takes, as learnt from the pool (or its initial estimate)
 * @param volumesLeft how many more volumes fit, at {@code bytesPerVolume}
 * @param percentFree {@code freeBytes} as a share of {@code usableBytes}, 0 to 100
 * @param warning whether {@code percentFree} is below the pool's warning threshold
 */
public record MetadataHeadroom(long areaBytes, long usableBytes, long freeBytes, int areas, long bytesPerVolume,
        long volumesLeft, int percentFree, boolean warning) {
}
