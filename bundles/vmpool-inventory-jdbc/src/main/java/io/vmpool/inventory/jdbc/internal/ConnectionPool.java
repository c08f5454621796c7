package io.vmpool.inventory.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vmpool.api.BackendException;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.osgi.service.jdbc.DataSourceFactory;

/** A HikariCP pool over the DataSource that the configured driver's {@link DataSourceFactory} makes. */
final class ConnectionPool implements AutoCloseable {
    private final HikariDataSource pool;

    /** Opens the pool and one connection, so a wrong URL or password fails here, at activation. */
    ConnectionPool(DataSourceFactory factory, InventoryConfig config, String url) {
        checkLimits(config);
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("vmpool-inventory");
        hikari.setDataSource(driverDataSource(factory, config, url));
        hikari.setMaximumPoolSize(config.maxPoolSize());
        hikari.setConnectionTimeout(TimeUnit.SECONDS.toMillis(config.connectionTimeoutSeconds()));
        try {
            this.pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new BackendException(SqlErrors.BACKEND, "cannot connect to " + redacted(url) + ": " + cause.getMessage()
                    + " (url, user and password are set in " + InventoryConfig.PID + ")", e);
        }
    }

    DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }

    private static DataSource driverDataSource(DataSourceFactory factory, InventoryConfig config, String url) {
        Properties props = new Properties();
        props.setProperty(DataSourceFactory.JDBC_URL, url);
        if (!config.user().isEmpty()) {
            props.setProperty(DataSourceFactory.JDBC_USER, config.user());
        }
        if (!config._password().isEmpty()) {
            props.setProperty(DataSourceFactory.JDBC_PASSWORD, config._password());
        }
        try {
            return factory.createDataSource(props);
        } catch (SQLException e) {
            throw SqlErrors.failure("the JDBC driver refused to make a DataSource for " + redacted(url), e);
        }
    }

    /** The URL for messages: a {@code password=} in it is masked. */
    static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static void checkLimits(InventoryConfig config) {
        if (config.maxPoolSize() < InventoryConfig.MIN_POOL_SIZE) {
            throw new BackendException(SqlErrors.BACKEND, "maxPoolSize is " + config.maxPoolSize()
                    + " but must be at least " + InventoryConfig.MIN_POOL_SIZE
                    + " (one connection holds the migration lock while another migrates): set it in "
                    + InventoryConfig.PID);
        }
        if (config.connectionTimeoutSeconds() < 1 || config.migrationLockTimeoutSeconds() < 1) {
            throw new BackendException(SqlErrors.BACKEND, "connectionTimeoutSeconds ("
                    + config.connectionTimeoutSeconds() + ") and migrationLockTimeoutSeconds ("
                    + config.migrationLockTimeoutSeconds() + ") must be at least 1: set them in "
                    + InventoryConfig.PID);
        }
    }
}
