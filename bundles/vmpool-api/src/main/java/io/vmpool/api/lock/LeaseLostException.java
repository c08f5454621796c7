package io.vmpool.api.lock;

import io.vmpool.api.ConflictException;

/** The lease lapsed or was released before the holder finished; work under it must stop. */
public class LeaseLostException extends ConflictException {
    private static final long serialVersionUID = 1L;

    public LeaseLostException(String message) {
        super(message);
    }
}
