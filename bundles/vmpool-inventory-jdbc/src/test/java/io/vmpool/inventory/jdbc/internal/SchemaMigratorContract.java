package io.vmpool.inventory.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.BackendException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How {@link SchemaMigrator} treats a database; subclasses name the database. */
abstract class SchemaMigratorContract {
    private static final List<Migration> SHIPPED = MigrationCatalog.bundled();
    private static final int NEXT = SHIPPED.size() + 1;
    private static final Migration EXTRA = new Migration(NEXT, "extra_table",
            "CREATE TABLE extra (id INTEGER NOT NULL PRIMARY KEY, note VARCHAR(20));\n"
                    + "INSERT INTO extra (id, note) VALUES (1, 'semi;colon');\n");

    private ConnectionPool pool;

    protected abstract TestDatabase database();

    @BeforeEach
    void openPool() {
        database().wipe();
        pool = database().pool();
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    private List<Migration> migrate(List<Migration> migrations) {
        return new SchemaMigrator(pool.dataSource(), migrations, Duration.ofSeconds(30)).migrate();
    }

    @Test
    void migrationsApplyOnceAndAreRecorded() {
        assertThat(migrate(SHIPPED)).containsExactlyElementsOf(SHIPPED);
        assertThat(migrate(SHIPPED)).isEmpty();

        assertThat(TestDatabase.queryLong(pool.dataSource(), "SELECT COUNT(*) FROM schema_version"))
                .isEqualTo(SHIPPED.size());
        assertThat(TestDatabase.queryLong(pool.dataSource(), "SELECT COUNT(*) FROM machine")).isZero();
        assertThat(recordedChecksum(1)).isEqualTo(SHIPPED.get(0).checksum());
    }

    @Test
    void aNewMigrationIsAppliedOnTopOfTheOldOnes() {
        migrate(SHIPPED);

        assertThat(migrate(withExtra())).containsExactly(EXTRA);
        assertThat(TestDatabase.queryLong(pool.dataSource(), "SELECT COUNT(*) FROM extra")).isEqualTo(1);
        assertThat(TestDatabase.queryLong(pool.dataSource(), "SELECT COUNT(*) FROM schema_version")).isEqualTo(NEXT);
    }

    @Test
    void anEditedAppliedMigrationIsRefused() {
        migrate(SHIPPED);
        Migration original = SHIPPED.get(0);
        Migration edited = new Migration(original.version(), original.description(),
                original.script() + "\nCREATE INDEX machine_owner ON machine (owner);\n");

        assertThatThrownBy(() -> migrate(List.of(edited)))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("refusing to start")
                .hasMessageContaining("V1__machines_and_events.sql was changed after it was applied")
                .hasMessageContaining(original.checksum())
                .hasMessageContaining(edited.checksum());
    }

    @Test
    void aStoreOnATamperedDatabaseRefusesToStart() {
        migrate(SHIPPED);
        TestDatabase.execute(pool.dataSource(), "UPDATE schema_version SET checksum = 'f00d' WHERE version = 1");

        assertThatThrownBy(() -> database().open())
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("V1__machines_and_events.sql was changed after it was applied");
    }

    @Test
    void aDatabaseFromANewerVersionIsRefused() {
        migrate(withExtra());

        assertThatThrownBy(() -> migrate(SHIPPED))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("V" + NEXT + "__extra_table.sql, which this vmpool-inventory-jdbc does not ship");
    }

    @Test
    void aFailedMigrationIsNotRecordedAndNamesTheStatement() {
        migrate(SHIPPED);
        Migration broken = new Migration(NEXT, "broken", "INSERT INTO machine_typo (name) VALUES ('x');");
        List<Migration> withBroken = new ArrayList<>(SHIPPED);
        withBroken.add(broken);

        assertThatThrownBy(() -> migrate(withBroken))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("migration V" + NEXT + "__broken.sql, statement 1 failed");
        assertThat(TestDatabase.queryLong(pool.dataSource(), "SELECT COUNT(*) FROM schema_version"))
                .isEqualTo(SHIPPED.size());
    }

    @Test
    @Timeout(120)
    void nodesStartingTogetherApplyEachMigrationOnce() throws Exception {
        int nodes = 6;
        ExecutorService executor = Executors.newFixedThreadPool(nodes);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> applied = new ArrayList<>();
        try {
            for (int i = 0; i < nodes; i++) {
                applied.add(executor.submit(() -> {
                    try (ConnectionPool own = database().pool()) {
                        start.await();
                        return new SchemaMigrator(own.dataSource(), withExtra(), Duration.ofSeconds(60))
                                .migrate().size();
                    }
                }));
            }
            start.countDown();
            List<Integer> counts = new ArrayList<>();
            for (Future<Integer> f : applied) {
                counts.add(f.get(90, TimeUnit.SECONDS));
            }

            assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(withExtra().size());
            assertThat(TestDatabase.queryLong(pool.dataSource(), "SELECT COUNT(*) FROM schema_version"))
                    .isEqualTo(withExtra().size());
            assertThat(TestDatabase.queryLong(pool.dataSource(), "SELECT COUNT(*) FROM extra")).isEqualTo(1);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    @Timeout(60)
    void aHeldLockMakesStartUpWaitThenFailNamingTheSetting() throws Exception {
        migrate(SHIPPED);
        try (Connection holder = pool.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT id FROM schema_lock WHERE id = 1 FOR UPDATE");
                 ResultSet rs = lock.executeQuery()) {
                assertThat(rs.next()).isTrue();
            }
            long started = System.nanoTime();

            assertThatThrownBy(() -> new SchemaMigrator(pool.dataSource(), SHIPPED, Duration.ofSeconds(2)).migrate())
                    .isInstanceOf(BackendException.class)
                    .hasMessageContaining("held the schema migration lock")
                    .hasMessageContaining("migrationLockTimeoutSeconds");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            holder.rollback();
        }
        assertThat(migrate(SHIPPED)).isEmpty();
    }

    private static List<Migration> withExtra() {
        List<Migration> all = new ArrayList<>(SHIPPED);
        all.add(EXTRA);
        return all;
    }

    private String recordedChecksum(int version) {
        try (Connection c = pool.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT checksum FROM schema_version WHERE version = ?")) {
            s.setInt(1, version);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
