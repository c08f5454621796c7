package io.vmpool.storage.lvm.internal;

/**
 * How full one VG's metadata area is: about {@code headroomVolumes} more volumes fit
 * ({@code freePercent} of the usable space is free), learned at {@code bytesPerVolume};
 * {@code warning} once less than the configured share is free.
 *
 * @param areaBytes the smallest metadata area in use ({@code vg_mda_size})
 * @param usableBytes the half of it lvm can fill (it keeps the previous copy in the other half)
 * @param freeBytes what lvm reports free in that half ({@code vg_mda_free})
 * @param metadataAreas {@code vg_mda_count}
 * @param volumeCount every LV of the VG ({@code lv_count}), vmpool's or not
 * @param freeExtents extents not yet allocated ({@code vg_free_count})
 */
record MetadataHealth(String volumeGroup, long areaBytes, long usableBytes, long freeBytes, long metadataAreas,
        long volumeCount, long bytesPerVolume, long headroomVolumes, int freePercent, long freeExtents,
        boolean warning) {

    /** One line for logs and alerts: "about N more volumes (P% of the metadata area free) ...". */
    String summary() {
        return "volume group " + volumeGroup + ": metadata for about " + headroomVolumes + " more volumes ("
                + freePercent + "% of the usable metadata space free: " + freeBytes + " of " + usableBytes
                + " bytes, area " + areaBytes + " bytes on " + metadataAreas + " metadata area(s), ~" + bytesPerVolume
                + " bytes per volume over " + volumeCount + " LVs); " + freeExtents + " free extents";
    }
}
