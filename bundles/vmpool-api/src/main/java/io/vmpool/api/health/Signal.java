package io.vmpool.api.health;

/** What an observation says about a host, from the policy's point of view. */
public enum Signal {
    /** A corrected error (machine check with UC=0, an EDAC corrected count going up). */
    CORRECTED_ERROR,
    /** Corrected errors over the configured rate (a collector that keeps the rate says so). */
    CORRECTED_RATE_HIGH,
    /** An uncorrected error the machine survived (UC=1, PCC=0; an EDAC uncorrected count going up). */
    UNCORRECTED_ERROR,
    /** A fatal machine check (PCC=1) or a machine-check panic. */
    FATAL_MACHINE_CHECK,
    /** A kernel panic of any other cause. */
    PANIC,
    /** A task blocked for longer than the kernel's limit: noted, no state change by itself. */
    HUNG_TASK,
    /** The host did not answer its heartbeat within the timeout. */
    HEARTBEAT_MISSED,
    /** The host answered its heartbeat. */
    HEARTBEAT_OK,
    /** Anything else worth keeping with the host (a notice, a line that could not be parsed). */
    NOTICE
}
