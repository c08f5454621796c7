package io.vmpool.inventory.jdbc.internal;

import io.vmpool.api.BackendException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database up to the shipped migrations: under the {@link MigrationLock} it checks that every
 * applied migration is still the one shipped (same checksum), then applies each missing one in its
 * own transaction and records it in {@code schema_version}.
 */
final class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final String CREATE_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS schema_version ("
            + "version INTEGER NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL, "
            + "checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)";
    private static final String SELECT_APPLIED = "SELECT version, description, checksum FROM schema_version";
    private static final String INSERT_APPLIED =
            "INSERT INTO schema_version (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)";
    /** Two nodes creating the bookkeeping tables at once can make PostgreSQL fail one of them: retry. */
    private static final int BOOTSTRAP_ATTEMPTS = 3;

    private final DataSource dataSource;
    private final List<Migration> migrations;
    private final Duration lockTimeout;

    SchemaMigrator(DataSource dataSource, List<Migration> migrations, Duration lockTimeout) {
        this.dataSource = dataSource;
        this.migrations = List.copyOf(migrations);
        this.lockTimeout = lockTimeout;
    }

    /** @return the migrations this call applied (none when the schema was current) */
    List<Migration> migrate() {
        try (Connection work = dataSource.getConnection()) {
            createBookkeepingTables(work);
            try (MigrationLock lock = MigrationLock.acquire(dataSource, lockTimeout)) {
                Map<Integer, AppliedMigration> applied = applied(work);
                refuseChanged(applied);
                List<Migration> done = new ArrayList<>();
                for (Migration migration : migrations) {
                    if (!applied.containsKey(migration.version())) {
                        apply(work, migration);
                        done.add(migration);
                    }
                }
                return done;
            }
        } catch (SQLException e) {
            throw SqlErrors.failure("cannot migrate the inventory schema", e);
        }
    }

    private static void createBookkeepingTables(Connection work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                execute(work, CREATE_VERSION_TABLE);
                execute(work, MigrationLock.CREATE_TABLE);
                MigrationLock.ensureRow(work);
                return;
            } catch (SQLException e) {
                if (attempt == BOOTSTRAP_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("creating schema_version/schema_lock failed (attempt {}), retrying: {}", attempt,
                        e.getMessage());
            }
        }
    }

    /** Applied migrations by version, as recorded in schema_version. */
    private static Map<Integer, AppliedMigration> applied(Connection work) throws SQLException {
        Map<Integer, AppliedMigration> applied = new LinkedHashMap<>();
        try (PreparedStatement select = work.prepareStatement(SELECT_APPLIED);
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                applied.put(rs.getInt(1), new AppliedMigration(rs.getInt(1), rs.getString(2), rs.getString(3)));
            }
        }
        return applied;
    }

    private void refuseChanged(Map<Integer, AppliedMigration> applied) {
        Map<Integer, Migration> shipped = new LinkedHashMap<>();
        migrations.forEach(m -> shipped.put(m.version(), m));
        for (AppliedMigration recorded : applied.values()) {
            Migration ours = shipped.get(recorded.version());
            if (ours == null) {
                throw new BackendException(SqlErrors.BACKEND, "refusing to start: the database has schema "
                        + "migration " + recorded.fileName() + ", which this vmpool-inventory-jdbc does not ship "
                        + "(the database was migrated by a newer version; run that version again)");
            }
            if (!ours.checksum().equals(recorded.checksum())) {
                throw new BackendException(SqlErrors.BACKEND, "refusing to start: schema migration "
                        + ours.fileName() + " was changed after it was applied (checksum in schema_version "
                        + recorded.checksum() + ", shipped file " + ours.checksum() + "); an applied migration "
                        + "must never be edited: restore it and put the change in a new migration");
            }
        }
    }

    private static void apply(Connection work, Migration migration) throws SQLException {
        long started = System.nanoTime();
        work.setAutoCommit(false);
        try {
            int index = 0;
            for (String statement : migration.statements()) {
                index++;
                try {
                    execute(work, statement);
                } catch (SQLException e) {
                    throw new SQLException("migration " + migration.fileName() + ", statement " + index
                            + " failed: " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
                }
            }
            try (PreparedStatement insert = work.prepareStatement(INSERT_APPLIED)) {
                insert.setInt(1, migration.version());
                insert.setString(2, migration.description());
                insert.setString(3, migration.checksum());
                insert.setObject(4, DbInstants.toDb(Instant.now()));
                insert.executeUpdate();
            }
            work.commit();
        } catch (SQLException | RuntimeException e) {
            work.rollback();
            throw e;
        } finally {
            work.setAutoCommit(true);
        }
        LOG.info("Applied inventory schema migration {} in {} ms", migration.fileName(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }

    /** A row of schema_version. */
    private record AppliedMigration(int version, String description, String checksum) {
        String fileName() {
            return "V" + version + "__" + description + ".sql";
        }
    }
}
