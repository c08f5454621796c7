package io.vmpool.health.internal.mce;

/** One row of rasdaemon's mce_record table: its id (to read on from), rasdaemon's own words, and the record. */
public record RasdaemonRecord(long id, String timestamp, String errorMessage, String bankName, MachineCheck check)
        implements RasdaemonRow {
}
