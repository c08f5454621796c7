package io.vmpool.health.internal.console;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One followed console (factory PID {@value #PID}, one {@code etc/io.vmpool.health.console-<host>.cfg}
 * per host): the file a console server writes, how it is polled and spooled, the parser's limit and
 * the corrected-error rate that makes the host DEGRADED.
 */
@ObjectClassDefinition(id = ConsoleConfig.PID, name = "vmpool console collector",
        description = "Follows a host's console log, keeps its tail on disk and reports machine checks and panics")
public @interface ConsoleConfig {
    String PID = "io.vmpool.health.console";

    @AttributeDefinition(description = "The host whose console this is (its vmpool name, as in io.vmpool.host)")
    String host();

    @AttributeDefinition(description = "The console log file a console server (conserver, ipmitool sol, "
            + "virsh console, libvirt's <log file=...>) appends to; rotation and truncation are followed")
    String path();

    @AttributeDefinition(name = "Poll interval (ms)", min = "10", description = "How often the file is checked "
            + "for new lines, rotation and truncation")
    long pollMillis() default 500;

    @AttributeDefinition(name = "Read from start", description = "Whether the file found at start is read from "
            + "its beginning (true) or only what is appended after (false: old panics are not reported again "
            + "after a restart). Files that appear later (rotation) are always read from the beginning")
    boolean fromStart() default false;

    @AttributeDefinition(name = "Spool kept (MiB)", min = "1", description = "How much of the console is kept "
            + "on disk per host (host:console); the oldest half is dropped when it is full")
    int keepMiB() default 16;

    @AttributeDefinition(name = "Spool directory", description = "Where <host>.log and <host>.log.1 are kept; "
            + "${karaf.data} (or any ${framework.property}) is replaced by that framework property")
    String spoolDirectory() default "${karaf.data}/vmpool/console";

    @AttributeDefinition(name = "Longest line (bytes)", min = "80", description = "A line longer than this "
            + "(a console without newlines) is cut and the rest taken as the next line; also the read buffer")
    int maxLineBytes() default 65536;

    @AttributeDefinition(name = "Lines per machine-check record", min = "2", description = "Most lines one record "
            + "may span; a record longer than this is closed as incomplete")
    int maxRecordLines() default 32;

    @AttributeDefinition(name = "Corrected-error window (minutes)", min = "1", description = "Span over which "
            + "corrected machine-check records on this console are counted")
    long correctedRateWindowMinutes() default 60;

    @AttributeDefinition(name = "Corrected errors per hour", description = "Corrected records in the window, "
            + "divided by the window in hours, above which CORRECTED_RATE_HIGH is reported (the host goes DEGRADED)")
    double correctedPerHourThreshold() default 10;
}
