package io.vmpool.api.machine;

/** Lifecycle state of a machine as vmpool records it. */
public enum MachineState {
    /** Being created: placed and reserved, disk or domain not yet complete. */
    PROVISIONING,
    RUNNING,
    STOPPED,
    /** Its host cannot be asked; vmpool does not know whether it runs. */
    UNKNOWN
}
