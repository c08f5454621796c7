package io.vmpool.api.storage;

/** Asks for a volume for one disk of one machine. */
public record VolumeRequest(String machine, String disk, long sizeBytes) {
}
