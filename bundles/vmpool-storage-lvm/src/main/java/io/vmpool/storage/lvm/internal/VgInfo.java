package io.vmpool.storage.lvm.internal;

import java.util.Map;

/**
 * One volume group as lvm reports it (its {@code vg_*} fields), sizes in bytes. {@code mdaSize} is the smallest
 * metadata area in use, {@code mdaFree} what lvm says is still free in it; see docs/lvm.md for what
 * that means (measured: already the usable half, minus the metadata written).
 */
record VgInfo(String name, long sizeBytes, long freeBytes, long extentSize, long freeExtents, long mdaSize,
        long mdaFree, long mdaCount, long lvCount) {

    /** The {@code -o} fields {@link #of} reads. */
    static final String FIELDS = "vg_name,vg_size,vg_free,vg_extent_size,vg_free_count,vg_mda_size,vg_mda_free,"
            + "vg_mda_count,lv_count";

    static VgInfo of(String pool, Map<String, String> row) {
        return new VgInfo(row.get("vg_name"), LvmReport.number(pool, row, "vg_size"),
                LvmReport.number(pool, row, "vg_free"), LvmReport.number(pool, row, "vg_extent_size"),
                LvmReport.number(pool, row, "vg_free_count"), LvmReport.number(pool, row, "vg_mda_size"),
                LvmReport.number(pool, row, "vg_mda_free"), LvmReport.number(pool, row, "vg_mda_count"),
                LvmReport.number(pool, row, "lv_count"));
    }
}
