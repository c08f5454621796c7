package io.vmpool.lock.zookeeper.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name this node gives itself in lock znodes: the configured one, else the host name, else {@code local}. */
final class NodeName {
    private NodeName() {
    }

    static String of(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "local" : name;
        } catch (UnknownHostException | SecurityException e) {
            return "local";
        }
    }
}
