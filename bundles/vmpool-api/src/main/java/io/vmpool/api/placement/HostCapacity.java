package io.vmpool.api.placement;

/**
 * How many more machines of a size one host takes: {@code fits} by its free memory alone (0 when it takes no
 * machines), {@code fitsWithNPlusK} when they are placed one after another by the scheduler with N+k on.
 */
public record HostCapacity(String host, String state, long freeMiB, int fits, int fitsWithNPlusK) {
}
