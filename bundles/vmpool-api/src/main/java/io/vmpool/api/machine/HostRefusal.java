package io.vmpool.api.machine;

/** Why one host could not take a machine, with what it had free. */
public record HostRefusal(String host, String reason, long freeMemoryMiB) {
    @Override
    public String toString() {
        return host + ": " + reason + " (free " + freeMemoryMiB + " MiB)";
    }
}
