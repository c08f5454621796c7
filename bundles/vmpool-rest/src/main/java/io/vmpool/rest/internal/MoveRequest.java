package io.vmpool.rest.internal;

/** The body of {@code POST /vms/{name}/move}: the target host, or none for the scheduler's choice. */
public record MoveRequest(String targetHost) {
}
