package io.vmpool.health.internal;

import io.vmpool.health.internal.console.ConsoleConfig;
import io.vmpool.health.internal.edac.EdacConfig;
import io.vmpool.health.internal.mcelog.McelogConfig;
import io.vmpool.health.internal.rasdaemon.RasdaemonConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The real captures under src/test/resources/fixtures (made by src/test/fixtures/make-mce-fixtures.sh). */
public final class Fixtures {
    private Fixtures() {
    }

    public static BufferedReader reader(String name) {
        InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name);
        if (in == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    public static List<String> lines(String name) {
        try (BufferedReader reader = reader(name)) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The policy's configuration with its defaults, except the overrides given. */
    public static HealthConfig config(Map<String, Object> overrides) {
        return TestConfig.of(HealthConfig.class, overrides);
    }

    /** A console collector's configuration with its defaults, except the overrides given. */
    public static ConsoleConfig console(Map<String, Object> overrides) {
        return TestConfig.of(ConsoleConfig.class, overrides);
    }

    /** An EDAC collector's configuration with its defaults, except the overrides given. */
    public static EdacConfig edac(Map<String, Object> overrides) {
        return TestConfig.of(EdacConfig.class, overrides);
    }

    /** An mcelog collector's configuration with its defaults, except the overrides given. */
    public static McelogConfig mcelog(Map<String, Object> overrides) {
        return TestConfig.of(McelogConfig.class, overrides);
    }

    /** A rasdaemon collector's configuration with its defaults, except the overrides given. */
    public static RasdaemonConfig rasdaemon(Map<String, Object> overrides) {
        return TestConfig.of(RasdaemonConfig.class, overrides);
    }
}
