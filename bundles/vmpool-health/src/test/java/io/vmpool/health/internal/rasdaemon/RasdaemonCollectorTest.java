package io.vmpool.health.internal.rasdaemon;

import static io.vmpool.api.health.Signal.CORRECTED_ERROR;
import static io.vmpool.api.health.Signal.CORRECTED_RATE_HIGH;
import static io.vmpool.api.health.Signal.FATAL_MACHINE_CHECK;
import static io.vmpool.api.health.Signal.NOTICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.health.HealthObservation;
import io.vmpool.api.health.Signal;
import io.vmpool.health.internal.Fixtures;
import io.vmpool.health.internal.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The rasdaemon collector on a copy of the database rasdaemon 0.6.8 made, with rows added the way
 * rasdaemon adds them (src/test/fixtures/rasdaemon-rows.sql: the two records of
 * qemu-corrected-then-fatal.log), and the database locked, replaced, garbled and taken away.
 */
class RasdaemonCollectorTest {
    private static final Instant T0 = Instant.parse("2026-12-01T20:00:00Z");
    private static final String CORRECTED_SUMMARY = "corrected machine check on CPU 0 bank 1: memory controller error: "
            + "memory read error, channel not specified, address 0x12345000 (status 9c0000000000009f)";

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private final List<HealthObservation> seen = new ArrayList<>();

    private Path db() {
        return dir.resolve("ras-mc_event.db");
    }

    private RasdaemonCollector collector(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("host", "h1", "database", db().toString(),
                "busyTimeoutMillis", 50));
        config.putAll(overrides);
        return new RasdaemonCollector(seen::add, Fixtures.rasdaemon(config), clock);
    }

    /** A fresh copy of the database rasdaemon made (table mce_record, no rows). */
    private Path freshDatabase(Path at) throws IOException {
        Files.copy(Fixtures.path("rasdaemon-ras-mc_event.db"), at, StandardCopyOption.REPLACE_EXISTING);
        return at;
    }

    /** Adds the two records, as rasdaemon would (a writer's own connection). */
    private static void addTheTwoRecords(Path db) throws IOException, SQLException {
        execute(db, Files.readString(Path.of("src/test/fixtures/rasdaemon-rows.sql")));
    }

    private static void execute(Path db, String sql) throws SQLException {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + db);
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private List<Signal> signalsSince(int from) {
        return seen.subList(from, seen.size()).stream().map(HealthObservation::signal).toList();
    }

    @Test
    void atStartOnlyNewerRecordsAreReportedUnlessFromStart() throws Exception {
        addTheTwoRecords(freshDatabase(db()));
        RasdaemonCollector collector = collector(Map.of());

        collector.poll();
        assertThat(seen).isEmpty();
        assertThat(collector.lastId()).isEqualTo(2);
        assertThat(collector.problem()).isEmpty();

        addTheTwoRecords(db());
        collector.poll();
        assertThat(signalsSince(0)).containsExactly(CORRECTED_ERROR, FATAL_MACHINE_CHECK);
        HealthObservation corrected = seen.get(0);
        assertThat(corrected.summary()).isEqualTo(CORRECTED_SUMMARY); // the console's words for the same record
        assertThat(corrected.source()).isEqualTo("rasdaemon");
        assertThat(corrected.host()).isEqualTo("h1");
        assertThat(corrected.at()).isEqualTo(T0);
        assertThat(corrected.evidence()).singleElement().asString().startsWith("ras-mc_event.db mce_record id=3 ")
                .contains("status=0x9c0000000000009f", "error_msg=Memory read error, channel unspecified");
        assertThat(seen.get(1).summary()).isEqualTo("fatal (processor context corrupt) machine check on CPU 0 "
                + "bank 2: memory controller error: memory read error, channel 0, address 0x7ff000 (status "
                + "be00000000800090)");
        assertThat(collector.lastId()).isEqualTo(4);

        collector.poll();
        assertThat(seen).hasSize(2);

        seen.clear();
        RasdaemonCollector fromStart = collector(Map.of("fromStart", true));
        fromStart.poll();
        assertThat(signalsSince(0)).containsExactly(CORRECTED_ERROR, FATAL_MACHINE_CHECK, CORRECTED_ERROR,
                FATAL_MACHINE_CHECK);
    }

    @Test
    void aFloodIsReadInBatchesAndCorrectedRecordsOverTheRateAreReportedOnce() throws Exception {
        freshDatabase(db());
        RasdaemonCollector collector = collector(Map.of("maxRecordsPerPoll", 5));
        collector.poll();
        String oneCorrected = Files.readString(Path.of("src/test/fixtures/rasdaemon-rows.sql"));
        oneCorrected = oneCorrected.substring(0, oneCorrected.indexOf("),\n") + 1) + ";";
        for (int i = 0; i < 12; i++) {
            execute(db(), oneCorrected);
        }

        collector.poll();
        assertThat(seen).hasSize(5);
        collector.poll();
        collector.poll();
        assertThat(signalsSince(0)).filteredOn(s -> s == CORRECTED_ERROR).hasSize(12);
        assertThat(signalsSince(0)).filteredOn(s -> s == CORRECTED_RATE_HIGH).hasSize(1);
        assertThat(seen).filteredOn(o -> o.signal() == CORRECTED_RATE_HIGH).singleElement()
                .extracting(HealthObservation::summary).isEqualTo("11 corrected machine checks in rasdaemon's database "
                        + "in 60 min: 11.0 per hour, over correctedPerHourThreshold=10.0 (io.vmpool.health.rasdaemon)");
        assertThat(collector.lastId()).isEqualTo(12);
    }

    @Test
    void aDatabaseThatAppearsLaterIsReadWhole() throws Exception {
        RasdaemonCollector collector = collector(Map.of());
        collector.poll();
        collector.poll();
        assertThat(collector.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("no rasdaemon database at "
                + db()));
        assertThat(seen).singleElement().satisfies(o -> {
            assertThat(o.signal()).isEqualTo(NOTICE);
            assertThat(o.summary()).contains("(database in io.vmpool.health.rasdaemon)");
        });

        Path made = freshDatabase(dir.resolve("made.db"));
        addTheTwoRecords(made);
        Files.move(made, db());
        collector.poll();
        assertThat(signalsSince(1)).containsExactly(CORRECTED_ERROR, FATAL_MACHINE_CHECK);
        assertThat(collector.problem()).isEmpty();
    }

    @Test
    void aLockedDatabaseIsReportedAndReadWhenRasdaemonIsDone() throws Exception {
        freshDatabase(db());
        RasdaemonCollector collector = collector(Map.of());
        collector.poll();

        SQLiteConfig exclusive = new SQLiteConfig();
        exclusive.setTransactionMode(SQLiteConfig.TransactionMode.EXCLUSIVE);
        SQLiteDataSource source = new SQLiteDataSource(exclusive);
        source.setUrl("jdbc:sqlite:" + db());
        try (Connection writer = source.getConnection(); Statement statement = writer.createStatement()) {
            writer.setAutoCommit(false); // BEGIN EXCLUSIVE: no reader until it commits (rollback journal, as rasdaemon's)
            statement.executeUpdate(Files.readString(Path.of("src/test/fixtures/rasdaemon-rows.sql")));
            // the reader waits busyTimeoutMillis, then gives up until the next poll
            collector.poll();
            collector.poll();
            assertThat(collector.problem()).hasValueSatisfying(p -> assertThat(p).contains("locked"));
            assertThat(seen).singleElement().extracting(HealthObservation::signal).isEqualTo(NOTICE);
            writer.commit();
        }

        collector.poll();
        assertThat(collector.problem()).isEmpty();
        assertThat(signalsSince(1)).containsExactly(CORRECTED_ERROR, FATAL_MACHINE_CHECK);
    }

    @Test
    void aReplacedDatabaseIsReadFromItsFirstRecord() throws Exception {
        addTheTwoRecords(freshDatabase(db()));
        RasdaemonCollector collector = collector(Map.of("fromStart", true));
        collector.poll();
        addTheTwoRecords(db());
        collector.poll();
        assertThat(collector.lastId()).isEqualTo(4);
        seen.clear();

        // rasdaemon started again on a new database, which already has more records than were read
        Path fresh = freshDatabase(dir.resolve("new.db"));
        for (int i = 0; i < 5; i++) {
            execute(fresh, "INSERT INTO mce_record (timestamp, status, walltime, cpu, bank) VALUES ('new', "
                    + "-7205759403792793441, 1796160000, " + i + ", 1)");
        }
        Files.move(fresh, db(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        collector.poll();
        assertThat(signalsSince(0)).containsExactly(NOTICE, CORRECTED_ERROR, CORRECTED_ERROR, CORRECTED_ERROR,
                CORRECTED_ERROR, CORRECTED_ERROR);
        assertThat(seen.get(0).summary()).isEqualTo("rasdaemon database " + db() + " was replaced (its record 4 is not "
                + "the one read before): reading it from its first record");
        assertThat(seen.get(0).evidence()).containsExactly(db() + ": last id read 4, its timestamp and status "
                + "2026-12-01 20:28:52 +0000 -4755801206494855024");
        assertThat(seen.get(1).summary()).startsWith("corrected machine check on CPU 0 bank 1");
        assertThat(collector.lastId()).isEqualTo(5);

        // the same file emptied and written again: its ids go backwards
        execute(db(), "DELETE FROM mce_record");
        execute(db(), "INSERT INTO mce_record (timestamp, status, walltime, cpu, bank) VALUES ('again', "
                + "-4755801206494855024, 1796160001, 0, 2)");
        int before = seen.size();
        collector.poll();
        assertThat(signalsSince(before)).containsExactly(NOTICE, FATAL_MACHINE_CHECK);
        assertThat(seen.get(before).summary()).contains("was replaced (its highest id is 1, below the last one read, 5)");
        assertThat(collector.lastId()).isEqualTo(1);
    }

    @Test
    void aCopyWithTheRowsAlreadyReadGoesOnWhereItWas() throws Exception {
        addTheTwoRecords(freshDatabase(db()));
        RasdaemonCollector collector = collector(Map.of());
        collector.poll();

        // a mirror updated as rsync does: a new file with more rows, renamed over the old one
        Path copy = dir.resolve(".ras-mc_event.db.tmp");
        Files.copy(db(), copy);
        addTheTwoRecords(copy);
        Files.move(copy, db(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        collector.poll();

        assertThat(signalsSince(0)).containsExactly(CORRECTED_ERROR, FATAL_MACHINE_CHECK);
        assertThat(collector.lastId()).isEqualTo(4);
    }

    @Test
    void aGarbledTruncatedOrVanishedDatabaseIsReportedAndPollingGoesOn() throws Exception {
        addTheTwoRecords(freshDatabase(db()));
        RasdaemonCollector collector = collector(Map.of());
        collector.poll();
        byte[] good = Files.readAllBytes(db());

        Files.writeString(db(), "this is not a database, it is a log line\n");
        collector.poll();
        assertThat(collector.problem()).hasValueSatisfying(p -> assertThat(p).contains("not a database"));

        Files.write(db(), Arrays.copyOf(good, good.length / 2)); // cut off in the middle of a page
        collector.poll();
        assertThat(collector.problem()).isPresent();

        Files.delete(db());
        collector.poll();
        assertThat(collector.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("no rasdaemon database"));
        assertThat(seen).extracting(HealthObservation::signal).containsOnly(NOTICE);

        // back as it was: the same rows, so nothing is reported again; rows after them are
        Files.write(db(), good);
        int before = seen.size();
        collector.poll();
        assertThat(collector.problem()).isEmpty();
        assertThat(seen).hasSize(before);
        addTheTwoRecords(db());
        collector.poll();
        assertThat(signalsSince(before)).containsExactly(CORRECTED_ERROR, FATAL_MACHINE_CHECK);
    }

    @Test
    void aRowThatIsNotARecordIsANoticeAndTheRowsAfterItAreRead() throws Exception {
        freshDatabase(db());
        RasdaemonCollector collector = collector(Map.of());
        collector.poll();
        execute(db(), "INSERT INTO mce_record (timestamp, status, walltime, cpu, bank) VALUES ('t', 'garbage', 0, 0, 1)");
        execute(db(), "INSERT INTO mce_record (timestamp, status, walltime, cpu, bank) VALUES ('t', 0, 0, 0, 1)");
        execute(db(), "INSERT INTO mce_record (timestamp, status, walltime, cpu, bank) VALUES ('t', "
                + "-7205759403792793441, 9223372036854775807, 0, 1)");
        addTheTwoRecords(db());

        collector.poll();

        assertThat(signalsSince(0)).containsExactly(NOTICE, NOTICE, NOTICE, CORRECTED_ERROR, FATAL_MACHINE_CHECK);
        assertThat(seen.get(0).summary()).isEqualTo("rasdaemon record id 1 not readable: status holds string "
                + "'garbage', not an integer");
        assertThat(seen.get(0).evidence()).singleElement().asString().contains("id=1", "status=garbage");
        assertThat(seen.get(1).summary()).isEqualTo("rasdaemon record id 2 not readable: status 0x0000000000000000 "
                + "has VAL=0: not a valid machine-check record");
        assertThat(seen.get(2).summary()).startsWith("rasdaemon record id 3 not readable: ");
        assertThat(collector.lastId()).isEqualTo(5);
        assertThat(collector.problem()).isEmpty();
    }

    @Test
    void configurationErrorsNameTheKeys() {
        assertThatThrownBy(() -> collector(Map.of("host", " "))).hasMessage("host is required in every "
                + "io.vmpool.health.rasdaemon configuration");
        assertThatThrownBy(() -> collector(Map.of("maxRecordsPerPoll", 0))).hasMessageContaining("maxRecordsPerPoll")
                .hasMessageContaining("io.vmpool.health.rasdaemon");
    }
}
