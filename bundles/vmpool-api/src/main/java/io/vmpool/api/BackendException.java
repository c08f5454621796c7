package io.vmpool.api;

/** A backend (hypervisor, storage, inventory, locks) failed; the message keeps what the backend said. */
public class BackendException extends VmpoolException {
    private static final long serialVersionUID = 1L;
    private final String backend;

    public BackendException(String backend, String message, Throwable cause) {
        super(message, cause);
        this.backend = backend;
    }

    public BackendException(String backend, String message) {
        this(backend, message, null);
    }

    /** Which backend failed, e.g. {@code hypervisor host1} or {@code storage file}. */
    public String backend() {
        return backend;
    }
}
