package io.vmpool.api.storage;

/** Space in a pool, in bytes. */
public record PoolCapacity(long totalBytes, long allocatedBytes, long freeBytes) {
}
