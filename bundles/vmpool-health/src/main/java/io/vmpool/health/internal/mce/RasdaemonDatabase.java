package io.vmpool.health.internal.mce;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Reads rasdaemon's SQLite database (table mce_record, as rasdaemon 0.6.8 creates it: id, timestamp,
 * mcgcap, mcgstatus, status, addr, misc, ip, tsc, walltime, cpu, cpuid, apicid, socketid, cs, bank,
 * cpuvendor, bank_name, error_msg, ...), read-only, through sqlite-jdbc's own data source (no
 * DriverManager, so it works the same inside OSGi). SQLite integers are signed: a status with bit 63
 * set comes back negative and is the same 64 bits. rasdaemon stores 0 for a register it did not
 * have; addr and misc count as present when their valid bit (ADDRV, MISCV) is set or they are not 0.
 * A row whose values cannot be a record (a text or real where an integer belongs, a status without
 * VAL, a wall time out of range) is returned as {@link RasdaemonRow.Unreadable}, so one bad row does
 * not stop the rows after it.
 */
public final class RasdaemonDatabase {
    private final Path file;
    private final int busyTimeoutMillis;

    /**
     * What one read found: the highest id in the table now (0 when it is empty); the anchor (timestamp and
     * status, as stored) of the row with the id asked after, empty when there is none; the rows after it,
     * and the anchor of the last of them. A reader that keeps the anchor of the last row it read can tell
     * a database that went on from one that was replaced.
     */
    public record Batch(long maxId, Optional<String> anchor, List<RasdaemonRow> rows, Optional<String> lastAnchor) {
        public Batch {
            rows = List.copyOf(rows);
        }
    }

    /** The database at {@code file}; a reader waits up to {@code busyTimeoutMillis} while rasdaemon writes. */
    public RasdaemonDatabase(Path file, int busyTimeoutMillis) {
        this.file = file;
        this.busyTimeoutMillis = busyTimeoutMillis;
    }

    /** The highest id now, the anchor of its row, and no rows (where a reader that starts at the end starts). */
    public Batch latest() throws SQLException {
        try (Connection connection = open()) {
            long maxId = maxId(connection);
            Optional<String> anchor = anchor(connection, maxId);
            connection.rollback();
            return new Batch(maxId, anchor, List.of(), anchor);
        }
    }

    /** The highest id now and at most {@code limit} rows with an id above {@code afterId}, oldest first (0 for all). */
    public Batch read(long afterId, int limit) throws SQLException {
        try (Connection connection = open()) {
            long maxId = maxId(connection);
            Optional<String> anchor = anchor(connection, afterId);
            List<RasdaemonRow> found = new ArrayList<>();
            String lastAnchor = null;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT * FROM mce_record WHERE id > ? ORDER BY id LIMIT ?")) {
                query.setLong(1, afterId);
                query.setInt(2, limit);
                try (ResultSet rows = query.executeQuery()) {
                    Set<String> columns = columns(rows);
                    while (rows.next()) {
                        found.add(row(rows, columns));
                        lastAnchor = rows.getString("timestamp") + " " + rows.getString("status");
                    }
                }
            }
            connection.rollback();
            return new Batch(maxId, anchor, found, Optional.ofNullable(lastAnchor));
        }
    }

    /** A read-only connection in a read transaction, so that what one read sees is of one moment. */
    private Connection open() throws SQLException {
        if (!Files.isRegularFile(file)) {
            throw new SQLException("no rasdaemon database at " + file);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(busyTimeoutMillis);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        Connection connection = source.getConnection();
        try {
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    private static long maxId(Connection connection) throws SQLException {
        try (Statement max = connection.createStatement();
             ResultSet row = max.executeQuery("SELECT coalesce(max(id), 0) FROM mce_record")) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    /** The row's timestamp and status as stored, empty when there is no such row. */
    private static Optional<String> anchor(Connection connection, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT timestamp, status FROM mce_record WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1) + " " + row.getString(2)) : Optional.empty();
            }
        }
    }

    /** All records after {@code afterId}; a row that cannot be read is an exception (tests, one-off reads). */
    public List<RasdaemonRecord> recordsAfter(long afterId) throws SQLException {
        List<RasdaemonRecord> records = new ArrayList<>();
        for (RasdaemonRow row : read(afterId, Integer.MAX_VALUE).rows()) {
            if (row instanceof RasdaemonRow.Unreadable u) {
                throw new SQLException("mce_record id " + u.id() + " in " + file + ": " + u.reason());
            }
            records.add((RasdaemonRecord) row);
        }
        return records;
    }

    private RasdaemonRow row(ResultSet rows, Set<String> columns) throws SQLException {
        long id = rows.getLong("id");
        try {
            return record(rows, columns, id);
        } catch (IllegalArgumentException | DateTimeException e) {
            List<String> values = new ArrayList<>();
            for (String column : columns) {
                values.add(column + "=" + rows.getString(column));
            }
            return new RasdaemonRow.Unreadable(id, e.getMessage(), List.of(file.getFileName() + " mce_record "
                    + String.join(" ", values)));
        }
    }

    private RasdaemonRecord record(ResultSet rows, Set<String> columns, long id) throws SQLException {
        long statusRaw = integer(rows, "status");
        McaStatus status = McaStatus.of(statusRaw);
        if (!status.has(StatusFlag.VAL)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "status 0x%016x has VAL=0: not a valid "
                    + "machine-check record", statusRaw));
        }
        long addr = integer(rows, "addr");
        long misc = integer(rows, "misc");
        int cpu = (int) integer(rows, "cpu");
        int bank = (int) integer(rows, "bank");
        String text = text(rows, columns, "error_msg");
        String bankName = text(rows, columns, "bank_name");
        String timestamp = text(rows, columns, "timestamp");
        String line = String.format(Locale.ROOT, "%s mce_record id=%d timestamp=%s cpu=%d bank=%d status=0x%016x "
                + "addr=0x%x misc=0x%x error_msg=%s", file.getFileName(), id, timestamp, cpu, bank, statusRaw, addr,
                misc, text);
        MachineCheck check = new MachineCheck(cpu, bank, status,
                OptionalLong.of(integer(rows, "mcgstatus")),
                addr != 0 || status.has(StatusFlag.ADDRV) ? OptionalLong.of(addr) : OptionalLong.empty(),
                misc != 0 || status.has(StatusFlag.MISCV) ? OptionalLong.of(misc) : OptionalLong.empty(),
                OptionalLong.of(integer(rows, "tsc")),
                Optional.of(Instant.ofEpochSecond(integer(rows, "walltime"))),
                OptionalInt.of((int) integer(rows, "socketid")), OptionalInt.of((int) integer(rows, "apicid")),
                Optional.of(integer(rows, "cpuvendor") + ":" + Long.toHexString(integer(rows, "cpuid"))),
                SourceFormat.RASDAEMON_DATABASE, List.of(line));
        return new RasdaemonRecord(id, timestamp, text, bankName, check);
    }

    /** An integer column; NULL reads as 0 (what rasdaemon stores for a register it did not have). */
    private static long integer(ResultSet rows, String column) throws SQLException {
        Object value = rows.getObject(column);
        if (value == null) {
            return 0;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw new IllegalArgumentException(column + " holds " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT)
                + " '" + value + "', not an integer");
    }

    private static Set<String> columns(ResultSet rows) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
            names.add(rows.getMetaData().getColumnName(i));
        }
        return names;
    }

    private static String text(ResultSet rows, Set<String> columns, String column) throws SQLException {
        if (!columns.contains(column)) {
            return "";
        }
        String value = rows.getString(column);
        return value == null ? "" : value;
    }
}
