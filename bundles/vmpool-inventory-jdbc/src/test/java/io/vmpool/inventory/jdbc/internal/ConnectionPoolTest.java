package io.vmpool.inventory.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.BackendException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool over the driver's DataSource: credentials, limits, and what its errors show. */
class ConnectionPoolTest {
    @TempDir
    Path folder;

    @Test
    void thePasswordReachesTheDriverAndStaysOutOfMessages() {
        H2Database database = new H2Database(folder);
        InventoryConfig withPassword = database.config(Map.of("user", "vmpool", ".password", "s3cret"));
        try (ConnectionPool pool = new ConnectionPool(database.factory(), withPassword, withPassword.url())) {
            assertThat(TestDatabase.queryLong(pool.dataSource(), "SELECT 1")).isEqualTo(1);
        }
        InventoryConfig wrong = database.config(Map.of("user", "vmpool", ".password", "guess"));

        assertThatThrownBy(() -> new ConnectionPool(database.factory(), wrong, wrong.url()))
                .isInstanceOf(BackendException.class)
                .hasMessageStartingWith("cannot connect to " + database.url() + ": ")
                .hasMessageContaining("Wrong user name or password")
                .hasMessageNotContaining("guess");
    }

    @Test
    void aPoolTooSmallForTheMigrationLockIsRefused() {
        H2Database database = new H2Database(folder);
        InventoryConfig tiny = database.config(Map.of("maxPoolSize", 1));

        assertThatThrownBy(() -> new ConnectionPool(database.factory(), tiny, tiny.url()))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("maxPoolSize is 1 but must be at least 2")
                .hasMessageContaining("io.vmpool.inventory.jdbc");
    }

    @Test
    void masksAPasswordInTheUrlForMessages() {
        assertThat(ConnectionPool.redacted("jdbc:postgresql://db1/vmpool?user=v&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db1/vmpool?user=v&password=***&ssl=true");
    }
}
