package io.vmpool.inventory.jdbc.internal;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Schema migrations on a real H2 file database. */
class H2SchemaMigratorTest extends SchemaMigratorContract {
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
}
