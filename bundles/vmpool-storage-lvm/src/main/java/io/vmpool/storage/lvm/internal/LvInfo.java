package io.vmpool.storage.lvm.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** One logical volume as {@code lvs} reports it: name, size in bytes, tags. */
record LvInfo(String name, long sizeBytes, List<String> tags) {

    /** The {@code -o} fields {@link #of} reads. */
    static final String FIELDS = "lv_name,lv_size,lv_tags";

    static LvInfo of(String pool, Map<String, String> row) {
        String tags = row.getOrDefault("lv_tags", "");
        return new LvInfo(row.get("lv_name"), LvmReport.number(pool, row, "lv_size"),
                tags.isBlank() ? List.of() : Arrays.stream(tags.split(",")).map(String::strip).toList());
    }
}
