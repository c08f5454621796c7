package io.vmpool.api.inventory;

import java.time.Instant;
import java.util.Objects;

/**
 * A create waiting for capacity (the waiting list, docs/waiting-list.md): the machine asked for, its owner,
 * when it was queued and when it expires, and why it could not be placed when last tried. @since 1.3
 */
public record PendingRequest(String id, String owner, String name, long memoryMiB, int vcpus, long diskGiB,
        String pool, Instant queuedAt, Instant expiresAt, String reason) {

    public PendingRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(queuedAt, "queuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
