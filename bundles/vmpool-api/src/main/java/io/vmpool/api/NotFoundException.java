package io.vmpool.api;

/** The named thing does not exist (or is not visible to the caller). */
public class NotFoundException extends VmpoolException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
