package io.vmpool.api.storage;

import java.util.List;
import java.util.Objects;

/**
 * How one pool is doing: its volumes, space, metadata room where it has a metadata area
 * ({@code metadata} null otherwise) and the warnings that stand now, in words.
 */
public record StorageHealth(String pool, int volumes, PoolCapacity capacity, MetadataHeadroom metadata,
        List<String> warnings) {

    public StorageHealth {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(capacity, "capacity");
        warnings = List.copyOf(warnings);
    }
}
