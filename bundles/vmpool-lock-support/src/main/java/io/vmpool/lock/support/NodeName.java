package io.vmpool.lock.support;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name a lock manager gives its node in {@code held()} and {@code waiters()}. */
public final class NodeName {
    private NodeName() {
    }

    /** {@code configured} (trimmed) unless it is null or blank, else {@link #detect()}. */
    public static String of(String configured) {
        return configured != null && !configured.isBlank() ? configured.trim() : detect();
    }

    /** This host's name, or {@code local} when it has none. */
    public static String detect() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "local" : name;
        } catch (UnknownHostException | SecurityException e) {
            return "local";
        }
    }
}
