package io.vmpool.api.storage;

import io.vmpool.api.BackendException;

/** A storage operation failed; the message keeps what the storage layer said. */
public class StorageException extends BackendException {
    private static final long serialVersionUID = 1L;

    public StorageException(String pool, String message, Throwable cause) {
        super("storage " + pool, message, cause);
    }

    public StorageException(String pool, String message) {
        this(pool, message, null);
    }
}
