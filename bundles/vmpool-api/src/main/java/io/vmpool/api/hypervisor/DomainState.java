package io.vmpool.api.hypervisor;

/** A domain's state as the hypervisor reports it (libvirt's virDomainState). */
public enum DomainState {
    NOSTATE, RUNNING, BLOCKED, PAUSED, SHUTDOWN, SHUTOFF, CRASHED, PMSUSPENDED;

    /** True when the domain uses the host's CPU and memory. */
    public boolean isActive() {
        return this != SHUTOFF && this != CRASHED && this != NOSTATE;
    }
}
