package io.vmpool.inventory.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.BackendException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.util.converter.Converters;

/** The inventory contract on a real H2 file database, plus what only the default H2 set-up does. */
class H2InventoryStoreTest extends InventoryStoreContract {
    @TempDir
    Path folder;

    private H2Database database;

    @Override
    protected TestDatabase database() {
        if (database == null) {
            database = new H2Database(folder);
        }
        return database;
    }

    @Test
    void theDefaultUrlPutsTheDatabaseInKarafData(@TempDir Path karafData) {
        InventoryConfig byDefault = defaults();

        try (JdbcInventoryStore inKarafData = new JdbcInventoryStore(database().factory(), byDefault,
                name -> "karaf.data".equals(name) ? karafData.toString() : null)) {
            inKarafData.insert(machine("web1"));
        }

        assertThat(Files.exists(karafData.resolve("vmpool/inventory.mv.db"))).isTrue();
    }

    @Test
    void aDefaultUrlWithoutKarafDataSaysWhatToSet() {
        InventoryConfig byDefault = defaults();

        assertThatThrownBy(() -> new JdbcInventoryStore(database().factory(), byDefault,
                TestDatabase.noFrameworkProperties()))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("${karaf.data}")
                .hasMessageContaining("io.vmpool.inventory.jdbc");
    }

    @Test
    void anUnusableUrlFailsAtActivationNamingTheUrl() {
        InventoryConfig relative = database().config(Map.of("url", "jdbc:h2:file:relative/inventory"));

        assertThatThrownBy(() -> new JdbcInventoryStore(database().factory(), relative,
                TestDatabase.noFrameworkProperties()))
                .isInstanceOf(BackendException.class)
                .hasMessageStartingWith("cannot connect to jdbc:h2:file:relative/inventory: ");
    }

    /** The configuration with no .cfg file at all: every OCD default. */
    private static InventoryConfig defaults() {
        return Converters.standardConverter().convert(Map.of()).to(InventoryConfig.class);
    }
}
