package io.vmpool.api;

/** The request conflicts with the current state: a name already taken, a resource busy, a wrong state. */
public class ConflictException extends VmpoolException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
