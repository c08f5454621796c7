package io.vmpool.inventory.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The migrations a bundle ships: {@code <directory>/index.txt} lists the {@code V<n>__<description>.sql}
 * files in order (a class loader cannot list a folder inside a bundle, so the list is explicit).
 */
final class MigrationCatalog {
    /** Where the bundle's own migrations are. */
    static final String DIRECTORY = "db/migration";

    private static final Pattern FILE_NAME = Pattern.compile("V([1-9][0-9]{0,8})__([A-Za-z0-9_]+)\\.sql");

    private MigrationCatalog() {
    }

    /** The migrations of this bundle, in version order. */
    static List<Migration> bundled() {
        return load(MigrationCatalog.class.getClassLoader(), DIRECTORY);
    }

    static List<Migration> load(ClassLoader loader, String directory) {
        List<Migration> migrations = new ArrayList<>();
        for (String file : fileNames(loader, directory)) {
            Matcher m = FILE_NAME.matcher(file);
            if (!m.matches()) {
                throw new IllegalStateException(directory + "/index.txt lists " + file
                        + ", which is not named V<version>__<description>.sql");
            }
            Migration migration = new Migration(Integer.parseInt(m.group(1)), m.group(2),
                    read(loader, directory + "/" + file));
            if (!migrations.isEmpty() && migrations.get(migrations.size() - 1).version() >= migration.version()) {
                throw new IllegalStateException(directory + "/index.txt lists " + file + " after "
                        + migrations.get(migrations.size() - 1).fileName() + ": versions must increase");
            }
            migrations.add(migration);
        }
        return List.copyOf(migrations);
    }

    private static List<String> fileNames(ClassLoader loader, String directory) {
        List<String> names = new ArrayList<>();
        for (String line : read(loader, directory + "/index.txt").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration resource " + resource + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration resource " + resource + ": " + e.getMessage(), e);
        }
    }
}
