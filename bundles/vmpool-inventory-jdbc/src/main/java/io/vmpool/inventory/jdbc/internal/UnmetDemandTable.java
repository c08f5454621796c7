package io.vmpool.inventory.jdbc.internal;

import io.vmpool.api.inventory.UnmetDemand;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The {@code unmet_demand} table: an append-only log of creates refused for lack of capacity. */
final class UnmetDemandTable {
    private static final String INSERT = "INSERT INTO unmet_demand (at, owner, machine, memory_mib, missing_mib) "
            + "VALUES (?, ?, ?, ?, ?)";
    private static final String SINCE = "SELECT at, owner, machine, memory_mib, missing_mib FROM unmet_demand "
            + "WHERE at > ? ORDER BY at, id";

    private final DataSource dataSource;

    UnmetDemandTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void record(UnmetDemand d) {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setObject(1, DbInstants.toDb(d.at()));
            insert.setString(2, d.owner());
            insert.setString(3, d.machine());
            insert.setLong(4, d.memoryMiB());
            insert.setLong(5, d.missingMiB());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.failure("cannot record the unmet demand of machine '" + d.machine() + "'", e);
        }
    }

    List<UnmetDemand> since(Instant since) {
        List<UnmetDemand> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(SINCE)) {
            select.setObject(1, DbInstants.toDb(since));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.add(new UnmetDemand(DbInstants.fromDb(rs.getObject(1, OffsetDateTime.class)), rs.getString(2),
                            rs.getString(3), rs.getLong(4), rs.getLong(5)));
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.failure("cannot read the unmet demand since " + since, e);
        }
        return out;
    }
}
