package io.vmpool.lock.zookeeper.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;

/**
 * What a request's znode says about it, so every node can list holders and waiters: the owner, the
 * node it came from, when it was requested and granted, and when its lease expires. Stored as
 * properties text; the grant time and expiry are provisional until the request holds (a request
 * granted at once never rewrites them, one that waited does once).
 */
record NodeData(String owner, String node, Instant requestedAt, Instant acquiredAt, Instant expiresAt) {

    byte[] encode() {
        Properties p = new Properties();
        p.setProperty("owner", owner);
        p.setProperty("node", node);
        p.setProperty("requested", Long.toString(requestedAt.toEpochMilli()));
        p.setProperty("acquired", Long.toString(acquiredAt.toEpochMilli()));
        p.setProperty("expires", Long.toString(expiresAt.toEpochMilli()));
        StringWriter out = new StringWriter();
        try {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = out.toString();
        return text.substring(text.indexOf('\n') + 1).getBytes(StandardCharsets.UTF_8); // no date comment
    }

    /** Reads what {@link #encode()} wrote; a znode with other content reads as an unknown owner. */
    static NodeData decode(byte[] bytes) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            p.clear();
        }
        return new NodeData(p.getProperty("owner", "?"), p.getProperty("node", "?"), millis(p, "requested"),
                millis(p, "acquired"), millis(p, "expires"));
    }

    NodeData granted(Instant at, Instant expires) {
        return new NodeData(owner, node, requestedAt, at, expires);
    }

    NodeData expiring(Instant expires) {
        return new NodeData(owner, node, requestedAt, acquiredAt, expires);
    }

    private static Instant millis(Properties p, String key) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(p.getProperty(key, "0")));
        } catch (NumberFormatException e) {
            return Instant.EPOCH;
        }
    }
}
