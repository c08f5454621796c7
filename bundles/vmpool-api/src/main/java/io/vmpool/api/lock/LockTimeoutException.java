package io.vmpool.api.lock;

import io.vmpool.api.ConflictException;

/** The lock was not granted within the wait; the message names the resource and who holds it. */
public class LockTimeoutException extends ConflictException {
    private static final long serialVersionUID = 1L;

    public LockTimeoutException(String message) {
        super(message);
    }
}
