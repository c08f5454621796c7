package io.vmpool.api.lock;

/**
 * A step was asked to act under a fencing token older than one it has already seen for the same
 * resource: a newer holder exists, so the stale one must stop.
 */
public class StaleTokenException extends LeaseLostException {
    private static final long serialVersionUID = 1L;

    public StaleTokenException(String message) {
        super(message);
    }
}
