package io.vmpool.api.storage;

import java.util.List;

/**
 * What reconciling the pools with the inventory found; nothing is deleted. {@code orphans}: volumes
 * that a pool holds for vmpool but no machine records; {@code missing}: machines whose recorded volume
 * is gone from its pool (as {@code machine -> volume id}); {@code unavailable}: volume ids whose pool is
 * not available now, so they could not be checked.
 */
public record StorageReport(List<Volume> orphans, List<MissingVolume> missing, List<String> unavailable) {

    public StorageReport {
        orphans = List.copyOf(orphans);
        missing = List.copyOf(missing);
        unavailable = List.copyOf(unavailable);
    }

    /** A machine whose recorded volume is not in its pool. */
    public record MissingVolume(String machine, String volumeId) {
    }
}
