package io.vmpool.health.internal.mce;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
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
 */
public final class RasdaemonDatabase {
    private final Path file;
    private final int busyTimeoutMillis;

    /** The database at {@code file}; a reader waits up to {@code busyTimeoutMillis} while rasdaemon writes. */
    public RasdaemonDatabase(Path file, int busyTimeoutMillis) {
        this.file = file;
        this.busyTimeoutMillis = busyTimeoutMillis;
    }

    /** The records with an id above {@code afterId}, oldest first (0 for all). */
    public List<RasdaemonRecord> recordsAfter(long afterId) throws SQLException {
        if (!Files.isRegularFile(file)) {
            throw new SQLException("no rasdaemon database at " + file + " (io.vmpool.health rasdaemonDatabase)");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(busyTimeoutMillis);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        try (Connection connection = source.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT * FROM mce_record WHERE id > ? ORDER BY id")) {
            query.setLong(1, afterId);
            try (ResultSet rows = query.executeQuery()) {
                Set<String> columns = columns(rows);
                List<RasdaemonRecord> records = new ArrayList<>();
                while (rows.next()) {
                    records.add(record(rows, columns));
                }
                return records;
            }
        }
    }

    private RasdaemonRecord record(ResultSet rows, Set<String> columns) throws SQLException {
        long id = rows.getLong("id");
        long statusRaw = rows.getLong("status");
        McaStatus status = McaStatus.of(statusRaw);
        long addr = rows.getLong("addr");
        long misc = rows.getLong("misc");
        String text = text(rows, columns, "error_msg");
        String bankName = text(rows, columns, "bank_name");
        String timestamp = text(rows, columns, "timestamp");
        String line = String.format(Locale.ROOT, "%s mce_record id=%d timestamp=%s cpu=%d bank=%d status=0x%016x "
                        + "addr=0x%x misc=0x%x error_msg=%s", file.getFileName(), id, timestamp, rows.getInt("cpu"),
                rows.getInt("bank"), statusRaw, addr, misc, text);
        MachineCheck check = new MachineCheck(rows.getInt("cpu"), rows.getInt("bank"), status,
                OptionalLong.of(rows.getLong("mcgstatus")),
                addr != 0 || status.has(StatusFlag.ADDRV) ? OptionalLong.of(addr) : OptionalLong.empty(),
                misc != 0 || status.has(StatusFlag.MISCV) ? OptionalLong.of(misc) : OptionalLong.empty(),
                OptionalLong.of(rows.getLong("tsc")),
                Optional.of(Instant.ofEpochSecond(rows.getLong("walltime"))),
                OptionalInt.of(rows.getInt("socketid")), OptionalInt.of(rows.getInt("apicid")),
                Optional.of(rows.getInt("cpuvendor") + ":" + Long.toHexString(rows.getLong("cpuid"))),
                SourceFormat.RASDAEMON_DATABASE, List.of(line));
        return new RasdaemonRecord(id, timestamp, text, bankName, check);
    }

    private static Set<String> columns(ResultSet rows) throws SQLException {
        Set<String> names = new HashSet<>();
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
