package io.vmpool.lock.zookeeper.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Where a resource's lock lives: {@code /locks/<shard>/<escaped resource>}, where the shard is the
 * first three hex digits of the resource's SHA-256. So {@code /locks} has at most 4,096 children,
 * and a million resources in use put about 250 under each shard (ten million, about 2,500). Both
 * levels are container znodes: ZooKeeper deletes them once they are empty. The layout is the
 * protocol every node of a pool follows, so it is not configurable.
 */
final class LockPaths {
    static final String ROOT = "/locks";

    private LockPaths() {
    }

    /** The znode whose children are the requests for {@code resource}. */
    static String of(String resource) {
        return ROOT + "/" + shard(resource) + "/" + escape(resource);
    }

    /** The first three hex digits of the resource's SHA-256. */
    static String shard(String resource) {
        byte[] hash = sha256(resource);
        return (hex(hash[0]) + hex(hash[1])).substring(0, 3);
    }

    /** The resource of a lock znode's last name segment. */
    static String resourceOf(String escapedName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(escapedName.length());
        for (int i = 0; i < escapedName.length(); i++) {
            char c = escapedName.charAt(i);
            if (c == '%' && i + 2 < escapedName.length()) {
                out.write(Integer.parseInt(escapedName.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Letters, digits and {@code : _ -} stay; every other byte of the UTF-8 form becomes {@code %XX}, so
     * no name contains '/', is '.' or '..', or has a character ZooKeeper refuses.
     */
    static String escape(String resource) {
        StringBuilder s = new StringBuilder(resource.length() + 8);
        for (byte b : resource.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':' || c == '_'
                    || c == '-') {
                s.append(c);
            } else {
                s.append('%').append(hex(b).toUpperCase());
            }
        }
        return s.toString();
    }

    private static byte[] sha256(String resource) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(resource.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String hex(byte b) {
        return Character.forDigit((b >> 4) & 0xf, 16) + "" + Character.forDigit(b & 0xf, 16);
    }
}
