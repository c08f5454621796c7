package io.vmpool.api.health;

/**
 * Where a host stands. Placement uses only {@link #HEALTHY} hosts ({@link #DEGRADED} ones too when the
 * core's {@code placeOnDegraded} is set); the others are skipped, and a refusal names them with why.
 */
public enum HostState {
    /** No error that counts; takes machines. */
    HEALTHY,
    /** Newly admitted: watched for a configured period before it takes machines. */
    PROBATION,
    /** Corrected errors over the configured rate: still runs its machines, gets no new ones by default. */
    DEGRADED,
    /** An uncorrected error, a fatal machine check or a panic: gets nothing until an admin clears it. */
    FAILED,
    /** Missed heartbeats: its machines are shown UNKNOWN and are not started elsewhere. */
    UNREACHABLE,
    /** Set by an admin: takes no new machines. */
    MAINTENANCE;

    /** Whether placement may put a new machine there ({@code degradedToo}: the core's placeOnDegraded). */
    public boolean takesMachines(boolean degradedToo) {
        return this == HEALTHY || (degradedToo && this == DEGRADED);
    }
}
