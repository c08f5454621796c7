package io.vmpool.inventory.jdbc.internal;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Schema migrations on a real PostgreSQL, when {@value PostgresDatabase#URL_VARIABLE} names one. */
@EnabledIfEnvironmentVariable(named = PostgresDatabase.URL_VARIABLE, matches = "jdbc:postgresql:.+")
class PostgresSchemaMigratorTest extends SchemaMigratorContract {
    private final PostgresDatabase database = new PostgresDatabase();

    @Override
    protected TestDatabase database() {
        return database;
    }
}
