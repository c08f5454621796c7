package io.vmpool.lock.local.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name {@code held()} gives this process's node: the host name, or {@code local} when it has none. */
final class NodeName {
    private NodeName() {
    }

    static String detect() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "local" : name;
        } catch (UnknownHostException | SecurityException e) {
            return "local";
        }
    }
}
