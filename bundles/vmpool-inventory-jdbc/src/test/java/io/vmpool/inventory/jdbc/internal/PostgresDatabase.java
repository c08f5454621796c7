package io.vmpool.inventory.jdbc.internal;

import java.util.Map;
import org.osgi.service.jdbc.DataSourceFactory;
import org.postgresql.osgi.PGDataSourceFactory;

/**
 * The PostgreSQL database named by {@value #URL_VARIABLE} (e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/vmpool_test?user=vmpool&password=secret}), through
 * pgjdbc's own OSGi DataSourceFactory. Its tables are dropped before each test.
 */
final class PostgresDatabase implements TestDatabase {
    static final String URL_VARIABLE = "VMPOOL_TEST_POSTGRES_URL";

    @Override
    public DataSourceFactory factory() {
        return new PGDataSourceFactory();
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("url", System.getenv(URL_VARIABLE), "user", "");
    }

    @Override
    public void wipe() {
        try (ConnectionPool pool = pool()) {
            for (String table : new String[] {"machine", "event", "host_fact", "pending_request", "unmet_demand", "schema_version", "schema_lock", "extra"}) {
                TestDatabase.execute(pool.dataSource(), "DROP TABLE IF EXISTS " + table);
            }
        }
    }
}
