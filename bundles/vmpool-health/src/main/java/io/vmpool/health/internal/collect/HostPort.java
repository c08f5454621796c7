package io.vmpool.health.internal.collect;

/** A configured {@code host:port} ({@code [v6-address]:port} for IPv6). */
public record HostPort(String host, int port) {

    /** Reads {@code text}; the exception says what was wrong, the caller adds where it was configured. */
    public static HostPort parse(String text) {
        String value = text.strip();
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? "" : value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            host = ""; // an IPv6 address without brackets: which colon ends it is a guess
        }
        int port;
        try {
            port = colon < 0 ? -1 : Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "' is not host:port with a port from 1 to 65535 (e.g. "
                    + "127.0.0.1:7001, [::1]:7001)");
        }
        return new HostPort(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
