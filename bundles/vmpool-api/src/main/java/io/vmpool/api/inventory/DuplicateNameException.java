package io.vmpool.api.inventory;

import io.vmpool.api.ConflictException;

/** A record with that name already exists. */
public class DuplicateNameException extends ConflictException {
    private static final long serialVersionUID = 1L;

    public DuplicateNameException(String message) {
        super(message);
    }
}
