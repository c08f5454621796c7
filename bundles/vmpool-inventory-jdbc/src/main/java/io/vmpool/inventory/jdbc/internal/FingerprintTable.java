package io.vmpool.inventory.jdbc.internal;

import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.host.HostFingerprint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/** The {@code host_fact} table: each host's last fingerprint, one row per fact, replaced as a whole. */
final class FingerprintTable {
    /** The column sizes of V3__host_fingerprints.sql. */
    static final int MAX_KEY = 255;
    static final int MAX_VALUE = 4000;

    private static final String DELETE = "DELETE FROM host_fact WHERE host = ?";
    private static final String INSERT = "INSERT INTO host_fact (host, fact_key, fact_value, taken_at) VALUES (?, ?, ?, ?)";
    private static final String SELECT = "SELECT fact_key, fact_value, taken_at FROM host_fact WHERE host = ?";

    private final DataSource dataSource;

    FingerprintTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void put(HostFingerprint fingerprint) {
        for (Map.Entry<String, String> fact : fingerprint.facts().entrySet()) {
            check("fact key", fact.getKey(), MAX_KEY, fingerprint.host());
            check("value of fact " + fact.getKey(), fact.getValue(), MAX_VALUE, fingerprint.host());
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement(DELETE); PreparedStatement insert = c.prepareStatement(INSERT)) {
                delete.setString(1, fingerprint.host());
                delete.executeUpdate();
                OffsetDateTime at = DbInstants.toDb(fingerprint.takenAt());
                for (Map.Entry<String, String> fact : fingerprint.facts().entrySet()) {
                    insert.setString(1, fingerprint.host());
                    insert.setString(2, fact.getKey());
                    insert.setString(3, fact.getValue());
                    insert.setObject(4, at);
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw SqlErrors.failure("cannot record the fingerprint of host " + fingerprint.host(), e);
        }
    }

    /** An empty fingerprint is recorded as no rows, and read back as none. */
    Optional<HostFingerprint> find(String host) {
        Map<String, String> facts = new TreeMap<>();
        Instant takenAt = null;
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(SELECT)) {
            select.setString(1, host);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    facts.put(rs.getString(1), rs.getString(2));
                    takenAt = DbInstants.fromDb(rs.getObject(3, OffsetDateTime.class));
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.failure("cannot read the fingerprint of host " + host, e);
        }
        return takenAt == null ? Optional.empty() : Optional.of(HostFingerprint.of(host, takenAt, facts));
    }

    private static void check(String what, String text, int max, String host) {
        if (text == null || text.length() > max) {
            throw new InvalidRequestException("facts", "at most " + max + " characters",
                    "host " + host + ": the " + what + " is " + (text == null ? "missing" : text.length()
                            + " characters long; the inventory keeps at most " + max + " (table host_fact)"));
        }
    }
}
