package io.vmpool.inventory.jdbc.internal;

import io.vmpool.api.BackendException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Set;

/** Turns SQL failures into the inventory's {@link BackendException}, keeping the driver's words. */
final class SqlErrors {
    /** The {@link BackendException#backend()} of every failure of this bundle. */
    static final String BACKEND = "inventory";

    /** SQLState of a unique or primary key violation, the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    /** H2's lock timeout, PostgreSQL's query_canceled (statement timeout) and lock_not_available. */
    private static final Set<String> LOCK_WAIT_ENDED = Set.of("HYT00", "57014", "55P03");

    private SqlErrors() {
    }

    static BackendException failure(String what, SQLException e) {
        return new BackendException(BACKEND, what + ": " + e.getMessage(), e);
    }

    static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a statement ended because it waited too long for a lock another transaction holds. */
    static boolean isLockWaitEnded(SQLException e) {
        return e instanceof SQLTimeoutException || LOCK_WAIT_ENDED.contains(e.getSQLState());
    }
}
