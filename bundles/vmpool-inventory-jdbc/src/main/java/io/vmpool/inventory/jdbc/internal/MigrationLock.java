package io.vmpool.inventory.jdbc.internal;

import io.vmpool.api.BackendException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The schema-wide migration lock: the single row of {@code schema_lock} held {@code FOR UPDATE} in an
 * open transaction on a connection of its own, so every node that starts on the same database waits
 * for the one migrating. Closing it ends that transaction, which releases the row, and the connection.
 */
final class MigrationLock implements AutoCloseable {
    static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS schema_lock (id INTEGER NOT NULL PRIMARY KEY)";
    private static final String COUNT_ROW = "SELECT COUNT(*) FROM schema_lock WHERE id = 1";
    private static final String INSERT_ROW = "INSERT INTO schema_lock (id) VALUES (1)";
    private static final String LOCK_ROW = "SELECT id FROM schema_lock WHERE id = 1 FOR UPDATE";

    private final Connection connection;

    private MigrationLock(Connection connection) {
        this.connection = connection;
    }

    /** Makes sure the lock row exists (committed), tolerating another node inserting it at the same time. */
    static void ensureRow(Connection autoCommitting) throws SQLException {
        try (PreparedStatement count = autoCommitting.prepareStatement(COUNT_ROW);
             ResultSet rs = count.executeQuery()) {
            rs.next();
            if (rs.getLong(1) > 0) {
                return;
            }
        }
        try (PreparedStatement insert = autoCommitting.prepareStatement(INSERT_ROW)) {
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!SqlErrors.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    /**
     * Waits up to {@code timeout} for the lock, on a connection of its own from {@code dataSource}. A
     * wait that timed out is retried on a fresh connection: pools discard one whose statement timed out.
     */
    static MigrationLock acquire(DataSource dataSource, Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long remainingSeconds = Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toSeconds());
            Connection connection = dataSource.getConnection();
            try {
                connection.setAutoCommit(false);
                lockRow(connection, (int) Math.min(Integer.MAX_VALUE, remainingSeconds));
                return new MigrationLock(connection);
            } catch (SQLException | RuntimeException e) {
                try {
                    release(connection);
                } catch (SQLException releaseFailure) {
                    e.addSuppressed(releaseFailure);
                }
                if (!(e instanceof SQLException sql) || !SqlErrors.isLockWaitEnded(sql)) {
                    throw e;
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new BackendException(SqlErrors.BACKEND, "another node has held the schema migration "
                            + "lock (table schema_lock) for more than " + timeout.toSeconds()
                            + " s (migrationLockTimeoutSeconds in " + InventoryConfig.PID + "): "
                            + e.getMessage(), e);
                }
            }
        }
    }

    private static void lockRow(Connection connection, int timeoutSeconds) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_ROW)) {
            lock.setQueryTimeout(timeoutSeconds);
            try (ResultSet rs = lock.executeQuery()) {
                if (!rs.next()) {
                    throw new BackendException(SqlErrors.BACKEND, "the row of schema_lock is missing: "
                            + "it was deleted while vmpool started; restart to recreate it");
                }
            }
        }
    }

    /** Ends the transaction (so the row lock, if taken, goes) and gives the connection back. */
    private static void release(Connection connection) throws SQLException {
        try (connection) {
            if (!connection.isClosed()) {
                connection.rollback();
            }
        }
    }

    @Override
    public void close() throws SQLException {
        release(connection);
    }
}
