package io.vmpool.inventory.jdbc.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One versioned schema change, shipped as {@code V<version>__<description>.sql} and identified once
 * applied by the SHA-256 of its text (line endings normalised, so a CRLF checkout is the same file).
 */
record Migration(int version, String description, String script) {

    Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration versions start at 1, not " + version);
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
    }

    String fileName() {
        return "V" + version + "__" + description + ".sql";
    }

    String checksum() {
        String normalised = script.replace("\r\n", "\n");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    List<String> statements() {
        return SqlScript.statements(script);
    }
}
