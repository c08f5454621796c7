package io.vmpool.inventory.jdbc.internal;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The inventory contract on a real PostgreSQL, when {@value PostgresDatabase#URL_VARIABLE} names one. */
@EnabledIfEnvironmentVariable(named = PostgresDatabase.URL_VARIABLE, matches = "jdbc:postgresql:.+")
class PostgresInventoryStoreTest extends InventoryStoreContract {
    private final PostgresDatabase database = new PostgresDatabase();

    @Override
    protected TestDatabase database() {
        return database;
    }
}
