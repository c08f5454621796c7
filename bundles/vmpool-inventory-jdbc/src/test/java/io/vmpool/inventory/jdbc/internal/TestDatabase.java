package io.vmpool.inventory.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.util.converter.Converters;

/** A real database for a test: the driver's own DataSourceFactory (as OSGi would give it) and a config. */
interface TestDatabase {

    DataSourceFactory factory();

    /** The configuration of a store on this database, with {@code overrides} on top. */
    Map<String, Object> properties();

    /** Drops everything the store and the migrator create, so a test starts on an empty database. */
    void wipe();

    default InventoryConfig config(Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>(properties());
        props.putAll(overrides);
        return Converters.standardConverter().convert(props).to(InventoryConfig.class);
    }

    default InventoryConfig config() {
        return config(Map.of());
    }

    default JdbcInventoryStore open() {
        return new JdbcInventoryStore(factory(), config(), noFrameworkProperties());
    }

    default ConnectionPool pool() {
        return new ConnectionPool(factory(), config(), config().url());
    }

    static Function<String, String> noFrameworkProperties() {
        return name -> null;
    }

    /** The single long an SQL query returns, e.g. a count. */
    static long queryLong(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static void execute(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
