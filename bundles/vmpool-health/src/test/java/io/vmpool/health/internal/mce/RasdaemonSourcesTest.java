package io.vmpool.health.internal.mce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.health.internal.Fixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * rasdaemon's database (as rasdaemon 0.6.8 created it in the VM) and ras-mc-ctl's output, compared
 * with the kernel's own lines for the same two records.
 */
class RasdaemonSourcesTest {
    private static final int BUSY_TIMEOUT = Fixtures.rasdaemon(Map.of()).busyTimeoutMillis();

    @TempDir
    Path dir;

    private static List<MachineCheck> kernelRecords() throws IOException {
        try (BufferedReader reader = Fixtures.reader("qemu-corrected-then-fatal.log")) {
            return KernelLogParser.parse(reader, Fixtures.console(Map.of()).maxRecordLines()).stream()
                    .filter(ConsoleEvent.MachineCheckRecord.class::isInstance)
                    .map(e -> ((ConsoleEvent.MachineCheckRecord) e).record()).toList();
        }
    }

    private Path plantedDatabase() throws IOException, SQLException {
        Path db = dir.resolve("ras-mc_event.db");
        Files.copy(Fixtures.path("rasdaemon-ras-mc_event.db"), db);
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + db);
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(Files.readString(Path.of("src/test/fixtures/rasdaemon-rows.sql")));
        }
        return db;
    }

    @Test
    void theDatabaseRasdaemonMadeHasTheTableButNoRows() throws Exception {
        Path db = dir.resolve("ras-mc_event.db");
        Files.copy(Fixtures.path("rasdaemon-ras-mc_event.db"), db);

        assertThat(new RasdaemonDatabase(db, BUSY_TIMEOUT).recordsAfter(0)).isEmpty();
    }

    @Test
    void plantedRowsReadBackAsTheKernelPrintedThem() throws Exception {
        RasdaemonDatabase database = new RasdaemonDatabase(plantedDatabase(), BUSY_TIMEOUT);

        List<RasdaemonRecord> rows = database.recordsAfter(0);

        assertThat(rows).extracting(RasdaemonRecord::id).containsExactly(1L, 2L);
        assertThat(rows.get(0).errorMessage()).isEqualTo("Memory read error, channel unspecified");
        assertThat(rows.get(1).check().severity()).isEqualTo(Severity.FATAL);
        assertSameAsKernel(rows.stream().map(RasdaemonRecord::check).toList());
        assertThat(rows.get(0).check().source()).isEqualTo(SourceFormat.RASDAEMON_DATABASE);
        assertThat(database.recordsAfter(1)).extracting(RasdaemonRecord::id).containsExactly(2L);
    }

    @Test
    void aMissingDatabaseSaysWhereItWasLookedFor() {
        RasdaemonDatabase database = new RasdaemonDatabase(dir.resolve("absent.db"), BUSY_TIMEOUT);

        assertThatThrownBy(() -> database.recordsAfter(0)).isInstanceOf(SQLException.class)
                .hasMessageContaining("no rasdaemon database at").hasMessageContaining("absent.db");
    }

    @Test
    void rasMcCtlErrorsOutputReadsAsTheSameRecords() throws IOException {
        List<ConsoleEvent> events;
        try (BufferedReader reader = Fixtures.reader("ras-mc-ctl-errors.txt")) {
            events = RasMcCtlParser.parse(reader);
        }

        assertThat(events).hasSize(2).allMatch(ConsoleEvent.MachineCheckRecord.class::isInstance);
        List<MachineCheck> records = events.stream().map(e -> ((ConsoleEvent.MachineCheckRecord) e).record()).toList();
        assertSameAsKernel(records);
        // ras-mc-ctl leaves out zero fields; they read as 0, like the column they came from
        assertThat(records.get(0).tsc()).hasValue(0);
        assertThat(records.get(0).rawLines().get(0)).doesNotContain("tsc=").doesNotContain("mcgstatus=");
        assertThat(records.get(0).source()).isEqualTo(SourceFormat.RAS_MC_CTL);
    }

    @Test
    void aGarbledRasMcCtlLineIsReported() {
        assertThat(RasMcCtlParser.parseLine("1 2026-12-01 20:28:51 +0000 error: Memory read error, addr=0x12"))
                .isInstanceOf(ConsoleEvent.Unparsed.class);
        assertThat(RasMcCtlParser.parseLine("garbage")).isInstanceOf(ConsoleEvent.Unparsed.class);
    }

    private static void assertSameAsKernel(List<MachineCheck> records) throws IOException {
        List<MachineCheck> kernel = kernelRecords();
        assertThat(records).hasSameSizeAs(kernel);
        for (int i = 0; i < kernel.size(); i++) {
            MachineCheck expected = kernel.get(i);
            MachineCheck actual = records.get(i);
            assertThat(actual.cpu()).isEqualTo(expected.cpu());
            assertThat(actual.bank()).isEqualTo(expected.bank());
            assertThat(actual.status()).isEqualTo(expected.status());
            assertThat(actual.mcgStatus()).isEqualTo(expected.mcgStatus());
            assertThat(actual.addr()).isEqualTo(expected.addr());
            assertThat(actual.misc()).isEqualTo(expected.misc());
            assertThat(actual.time()).isEqualTo(expected.time());
            assertThat(actual.processor()).isEqualTo(expected.processor());
            if (expected.tsc().orElse(0) != 0) {
                assertThat(actual.tsc()).isEqualTo(expected.tsc());
            }
        }
    }
}
