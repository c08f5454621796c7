package io.vmpool.inventory.jdbc.internal;

import io.vmpool.api.Event;
import io.vmpool.api.InvalidRequestException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The {@code event} table: an append-only log, read per subject newest first. */
final class EventTable {
    private static final String INSERT = "INSERT INTO event (at, subject, type, actor, message) VALUES (?, ?, ?, ?, ?)";
    /** Same-instant events come back newest first too: the identity breaks the tie. */
    private static final String SELECT_NEWEST = "SELECT at, subject, type, actor, message FROM event "
            + "WHERE subject = ? ORDER BY at DESC, id DESC FETCH FIRST ? ROWS ONLY";
    /** Served by the (type, subject) index of V5: no table scan however long the log. */
    private static final String SELECT_SUBJECTS = "SELECT DISTINCT subject FROM event WHERE type = ? ORDER BY subject";

    private final DataSource dataSource;

    EventTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void record(Event event) {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setObject(1, DbInstants.toDb(event.time()));
            insert.setString(2, event.subject());
            insert.setString(3, event.type());
            if (event.actor() == null) {
                insert.setNull(4, Types.VARCHAR);
            } else {
                insert.setString(4, event.actor());
            }
            insert.setString(5, event.message());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.failure("cannot record event " + event.type() + " about " + event.subject(), e);
        }
    }

    List<Event> newest(String subject, int limit) {
        if (limit < 0) {
            throw new InvalidRequestException("limit", ">= 0", "an event limit must be 0 or more, was " + limit);
        }
        List<Event> events = new ArrayList<>();
        if (limit == 0) {
            return events;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(SELECT_NEWEST)) {
            select.setString(1, subject);
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    events.add(new Event(DbInstants.fromDb(rs.getObject("at", OffsetDateTime.class)),
                            rs.getString("subject"), rs.getString("type"), rs.getString("actor"),
                            rs.getString("message")));
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.failure("cannot read events about " + subject, e);
        }
        return events;
    }

    List<String> subjects(String type) {
        if (type == null || type.isBlank()) {
            throw new InvalidRequestException("type", "required", "an event type is required");
        }
        List<String> subjects = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(SELECT_SUBJECTS)) {
            select.setString(1, type);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    subjects.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.failure("cannot read the subjects of " + type + " events", e);
        }
        return subjects;
    }
}
