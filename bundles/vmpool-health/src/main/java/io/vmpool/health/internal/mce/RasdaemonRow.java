package io.vmpool.health.internal.mce;

import java.util.List;

/** One row of rasdaemon's mce_record table: a {@link RasdaemonRecord}, or a row that could not be read and why. */
public sealed interface RasdaemonRow permits RasdaemonRecord, RasdaemonRow.Unreadable {
    /** The row's id (rasdaemon's INTEGER PRIMARY KEY), to read on from. */
    long id();

    /** A row whose values are not a machine-check record (a text where a register should be, VAL=0, ...). */
    record Unreadable(long id, String reason, List<String> lines) implements RasdaemonRow {
        public Unreadable {
            lines = List.copyOf(lines);
        }
    }
}
