package io.vmpool.api.hypervisor;

import io.vmpool.api.BackendException;

/** A hypervisor call failed; the message keeps the hypervisor's own words. */
public class HypervisorException extends BackendException {
    private static final long serialVersionUID = 1L;

    public HypervisorException(String uri, String message, Throwable cause) {
        super("hypervisor " + uri, message, cause);
    }
}
