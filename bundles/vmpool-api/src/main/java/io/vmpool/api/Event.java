package io.vmpool.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened, kept in the inventory: {@code subject} names what it is about
 * ({@code machine:web1}, {@code host:host1}), {@code type} is a dotted kind ({@code machine.created}).
 */
public record Event(Instant time, String subject, String type, String actor, String message) {
    public Event {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
    }

    public static Event now(String subject, String type, String actor, String message) {
        return new Event(Instant.now(), subject, type, actor, message);
    }
}
