package io.vmpool.inventory.jdbc.internal;

import io.vmpool.api.BackendException;
import io.vmpool.api.NotFoundException;
import io.vmpool.api.inventory.DuplicateNameException;
import io.vmpool.api.inventory.MachineRecord;
import io.vmpool.api.machine.MachineState;
import java.sql.Connection;
import io.vmpool.api.lock.StaleTokenException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code machine} table: one row per {@link MachineRecord}, keyed by name. */
final class MachineTable {
    private static final String COLUMNS = "name, owner, state, host, memory_mib, vcpus, disk_gib, volume_id, "
            + "uuid, created_at, updated_at, state_reason";
    private static final String INSERT = "INSERT INTO machine (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE machine SET owner = ?, state = ?, host = ?, memory_mib = ?, "
            + "vcpus = ?, disk_gib = ?, volume_id = ?, uuid = ?, created_at = ?, updated_at = ?, state_reason = ? "
            + "WHERE name = ?";
    private static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM machine WHERE name = ?";
    private static final String SELECT_ALL = "SELECT " + COLUMNS + " FROM machine";
    private static final String DELETE = "DELETE FROM machine WHERE name = ?";

    private final DataSource dataSource;

    MachineTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void insert(MachineRecord machine) {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setString(1, machine.name());
            setAllButName(insert, 2, machine);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new DuplicateNameException("a machine named '" + machine.name() + "' already exists");
            }
            throw SqlErrors.failure("cannot insert machine '" + machine.name() + "'", e);
        }
    }

    Optional<MachineRecord> find(String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(SELECT_ONE)) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqlErrors.failure("cannot read machine '" + name + "'", e);
        }
    }

    /**
     * Every machine, ordered by name in Java: database collations differ (PostgreSQL's follows the
     * locale, H2's compares code points), and the order should not depend on which one is configured.
     */
    List<MachineRecord> all() {
        List<MachineRecord> machines = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(SELECT_ALL);
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                machines.add(read(rs));
            }
        } catch (SQLException e) {
            throw SqlErrors.failure("cannot list machines", e);
        }
        machines.sort(Comparator.comparing(MachineRecord::name));
        return machines;
    }

    void update(MachineRecord machine) {
        int rows;
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(UPDATE)) {
            setAllButName(update, 1, machine);
            update.setString(12, machine.name());
            rows = update.executeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.failure("cannot update machine '" + machine.name() + "'", e);
        }
        if (rows == 0) {
            throw new NotFoundException("no machine named '" + machine.name() + "' in the inventory");
        }
    }

    /** One conditional UPDATE, so two holders racing cannot both pass: the database is the fence. */
    void advanceFence(String name, long token) {
        int rows;
        try (Connection c = dataSource.getConnection();
                PreparedStatement advance = c.prepareStatement(
                        "UPDATE machine SET fence_token = ? WHERE name = ? AND fence_token <= ?")) {
            advance.setLong(1, token);
            advance.setString(2, name);
            advance.setLong(3, token);
            rows = advance.executeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.failure("cannot advance the fencing token of machine '" + name + "'", e);
        }
        if (rows == 0) {
            long seen = fenceToken(name);
            throw new StaleTokenException("machine '" + name + "' was already acted on under fencing token " + seen
                    + ", newer than " + token + ": this lease is stale and its holder must stop");
        }
    }

    private long fenceToken(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT fence_token FROM machine WHERE name = ?")) {
            select.setString(1, name);
            try (var rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("no machine named '" + name + "' in the inventory");
                }
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw SqlErrors.failure("cannot read the fencing token of machine '" + name + "'", e);
        }
    }

    boolean delete(String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement delete = c.prepareStatement(DELETE)) {
            delete.setString(1, name);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw SqlErrors.failure("cannot delete machine '" + name + "'", e);
        }
    }

    /** Sets owner .. state_reason (eleven parameters) from {@code first} on, in the order of {@link #COLUMNS}. */
    private static void setAllButName(PreparedStatement s, int first, MachineRecord m) throws SQLException {
        int i = first;
        s.setString(i++, m.owner());
        s.setString(i++, m.state().name());
        setNullableString(s, i++, m.host());
        s.setLong(i++, m.memoryMiB());
        s.setInt(i++, m.vcpus());
        s.setLong(i++, m.diskGiB());
        setNullableString(s, i++, m.volumeId());
        s.setObject(i++, m.uuid());
        s.setObject(i++, DbInstants.toDb(m.createdAt()));
        s.setObject(i++, DbInstants.toDb(m.updatedAt()));
        setNullableString(s, i, m.stateReason());
    }

    private static void setNullableString(PreparedStatement s, int index, String value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value);
        }
    }

    private static MachineRecord read(ResultSet rs) throws SQLException {
        String name = rs.getString("name");
        return new MachineRecord(name, rs.getString("owner"), state(name, rs.getString("state")),
                rs.getString("host"), rs.getLong("memory_mib"), rs.getInt("vcpus"), rs.getLong("disk_gib"),
                rs.getString("volume_id"), rs.getObject("uuid", UUID.class),
                DbInstants.fromDb(rs.getObject("created_at", OffsetDateTime.class)),
                DbInstants.fromDb(rs.getObject("updated_at", OffsetDateTime.class)), rs.getString("state_reason"));
    }

    private static MachineState state(String name, String value) {
        try {
            return MachineState.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new BackendException(SqlErrors.BACKEND, "machine '" + name + "' has state '" + value
                    + "' in the inventory, which this vmpool does not know", e);
        }
    }
}
