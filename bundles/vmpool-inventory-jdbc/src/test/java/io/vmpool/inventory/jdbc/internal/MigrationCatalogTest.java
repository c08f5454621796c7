package io.vmpool.inventory.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The migrations the bundle ships, as listed in db/migration/index.txt. */
class MigrationCatalogTest {

    @Test
    void indexListsEveryMigrationFileInVersionOrder() throws IOException, URISyntaxException {
        Path folder = Path.of(getClass().getClassLoader().getResource(MigrationCatalog.DIRECTORY).toURI());
        List<String> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }

        List<Migration> shipped = MigrationCatalog.bundled();

        assertThat(shipped).extracting(Migration::fileName).containsExactlyInAnyOrderElementsOf(files);
        assertThat(shipped).extracting(Migration::version).isSorted().doesNotHaveDuplicates();
        assertThat(shipped.get(0).fileName()).isEqualTo("V1__machines_and_events.sql");
    }

    @Test
    void checksumIgnoresLineEndings() {
        Migration unix = new Migration(1, "x", "CREATE TABLE a (id INT);\n");
        Migration windows = new Migration(1, "x", "CREATE TABLE a (id INT);\r\n");

        assertThat(unix.checksum()).isEqualTo(windows.checksum()).hasSize(64);
        assertThat(unix.checksum()).isNotEqualTo(new Migration(1, "x", "CREATE TABLE b (id INT);\n").checksum());
    }
}
