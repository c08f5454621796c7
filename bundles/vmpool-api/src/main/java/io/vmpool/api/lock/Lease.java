package io.vmpool.api.lock;

import java.time.Instant;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A granted lock. {@link #token()} is a fencing token: for one resource it only grows, so a step
 * that records the highest token it has seen can refuse a holder whose lease has lapsed.
 * Closing releases it; closing twice is harmless.
 */
@ProviderType
public interface Lease extends AutoCloseable {

    String resource();

    LockMode mode();

    String owner();

    long token();

    Instant acquiredAt();

    Instant expiresAt();

    /** False once released or lapsed. */
    boolean isValid();

    @Override
    void close();
}
