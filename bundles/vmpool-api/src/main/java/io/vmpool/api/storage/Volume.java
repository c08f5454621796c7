package io.vmpool.api.storage;

/**
 * A volume: {@code id} is {@code <pool>:<name>}, {@code path} is what a hypervisor on a host opens
 * (a file path or a block device), {@code machine} the machine it belongs to.
 */
public record Volume(String id, String pool, String name, String path, Kind kind, long sizeBytes, String machine) {

    /** How the hypervisor attaches it. */
    public enum Kind { FILE, BLOCK }
}
