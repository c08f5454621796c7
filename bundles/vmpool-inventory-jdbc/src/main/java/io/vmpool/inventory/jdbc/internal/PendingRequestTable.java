package io.vmpool.inventory.jdbc.internal;

import io.vmpool.api.inventory.DuplicateNameException;
import io.vmpool.api.inventory.PendingRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The {@code pending_request} table: the waiting list, first in first out by its identity column. */
final class PendingRequestTable {
    private static final String INSERT = "INSERT INTO pending_request (id, owner, name, memory_mib, vcpus, disk_gib, pool, "
            + "queued_at, expires_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT id, owner, name, memory_mib, vcpus, disk_gib, pool, queued_at, expires_at, "
            + "reason FROM pending_request ORDER BY queued_at, seq";
    private static final String DELETE = "DELETE FROM pending_request WHERE id = ?";

    private final DataSource dataSource;

    PendingRequestTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void insert(PendingRequest r) {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setString(1, r.id());
            insert.setString(2, r.owner());
            insert.setString(3, r.name());
            insert.setLong(4, r.memoryMiB());
            insert.setInt(5, r.vcpus());
            insert.setLong(6, r.diskGiB());
            setNullable(insert, 7, r.pool());
            insert.setObject(8, DbInstants.toDb(r.queuedAt()));
            insert.setObject(9, DbInstants.toDb(r.expiresAt()));
            setNullable(insert, 10, r.reason());
            insert.executeUpdate();
        } catch (SQLException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new DuplicateNameException("a request for a machine named '" + r.name() + "' (or with id " + r.id()
                        + ") is waiting already");
            }
            throw SqlErrors.failure("cannot queue the request for machine '" + r.name() + "'", e);
        }
    }

    List<PendingRequest> all() {
        List<PendingRequest> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(SELECT);
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                out.add(new PendingRequest(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getInt(5),
                        rs.getLong(6), rs.getString(7), DbInstants.fromDb(rs.getObject(8, OffsetDateTime.class)),
                        DbInstants.fromDb(rs.getObject(9, OffsetDateTime.class)), rs.getString(10)));
            }
        } catch (SQLException e) {
            throw SqlErrors.failure("cannot read the waiting list", e);
        }
        return out;
    }

    boolean delete(String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement delete = c.prepareStatement(DELETE)) {
            delete.setString(1, id);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw SqlErrors.failure("cannot remove request " + id + " from the waiting list", e);
        }
    }

    private static void setNullable(PreparedStatement s, int index, String value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value);
        }
    }
}
