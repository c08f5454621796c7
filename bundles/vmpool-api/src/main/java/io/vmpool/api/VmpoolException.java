package io.vmpool.api;

/**
 * Base of every error vmpool reports to a user: the message says what was wrong and, where a
 * limit was hit, the limit and where it is configured. Doors map subclasses to status codes.
 */
public class VmpoolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VmpoolException(String message) {
        super(message);
    }

    public VmpoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
