package io.vmpool.health.internal.rasdaemon;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One polled rasdaemon database (factory PID {@value #PID}, one {@code etc/io.vmpool.health.rasdaemon-<host>.cfg}
 * per host): where it is, how often and how much of it is read, and the corrected-error rate that makes
 * the host DEGRADED.
 */
@ObjectClassDefinition(id = RasdaemonConfig.PID, name = "vmpool rasdaemon collector",
        description = "Polls rasdaemon's SQLite database for new machine-check records (table mce_record)")
public @interface RasdaemonConfig {
    String PID = "io.vmpool.health.rasdaemon";

    @AttributeDefinition(description = "The host whose records these are (its vmpool name, as in io.vmpool.host)")
    String host();

    @AttributeDefinition(name = "rasdaemon database", description = "rasdaemon's SQLite database (rasdaemon -r "
            + "records into it), opened read-only: the host's own, or a copy of a remote host's")
    String database() default "/var/lib/rasdaemon/ras-mc_event.db";

    @AttributeDefinition(name = "Poll interval (seconds)", min = "1", description = "How often the database is "
            + "read for records newer than the last one seen")
    long intervalSeconds() default 60;

    @AttributeDefinition(name = "Busy timeout (ms)", min = "0", description = "How long a read waits while "
            + "rasdaemon is writing (SQLite's busy timeout); a database still locked then is reported and read "
            + "at the next poll")
    int busyTimeoutMillis() default 2000;

    @AttributeDefinition(name = "Records per poll", min = "1", description = "Most records read in one poll; "
            + "the rest are read at the next ones (a flood, or fromStart on a long history)")
    int maxRecordsPerPoll() default 1000;

    @AttributeDefinition(name = "Read from start", description = "Whether the records already in the database "
            + "at start are reported (true) or only those added after (false: the highest id at the first "
            + "read is remembered, so a restart does not report a host's whole history again). A database "
            + "that appears later, or replaces the one read, is always read whole")
    boolean fromStart() default false;

    @AttributeDefinition(name = "Corrected-error window (minutes)", min = "1", description = "Span over which "
            + "corrected machine-check records from this database are counted")
    long correctedRateWindowMinutes() default 60;

    @AttributeDefinition(name = "Corrected errors per hour", description = "Corrected records in the window, "
            + "divided by the window in hours, above which CORRECTED_RATE_HIGH is reported (the host goes DEGRADED)")
    double correctedPerHourThreshold() default 10;
}
