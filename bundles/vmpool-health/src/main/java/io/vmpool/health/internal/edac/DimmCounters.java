package io.vmpool.health.internal.edac;

import java.util.OptionalLong;

/**
 * One DIMM's EDAC entry: mc*&#47;dimm* (or rank*) with dimm_ce_count, dimm_ue_count, dimm_label,
 * dimm_location, dimm_mem_type, dimm_edac_mode and size (MiB); or, on drivers with only the
 * older layout, one csrow channel (csrow*&#47;ch*_ce_count and ch*_dimm_label, the csrow's
 * edac_mode and mem_type), which has no per-channel uncorrected count or size. Text values are
 * as the kernel wrote them, trimmed; empty when the file is absent.
 */
public record DimmCounters(DimmId id, String label, String location, String memType, String edacMode,
        OptionalLong sizeMiB, long correctedCount, OptionalLong uncorrectedCount) {

    /** Whether the controller reports an ECC mode for this DIMM (not "None", "Unknown" or absent). */
    public boolean eccEnabled() {
        return !edacMode.isEmpty() && !edacMode.equalsIgnoreCase("None") && !edacMode.equalsIgnoreCase("Unknown");
    }
}
