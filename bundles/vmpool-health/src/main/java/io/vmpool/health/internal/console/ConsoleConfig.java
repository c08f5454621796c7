package io.vmpool.health.internal.console;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One followed console (factory PID {@value #PID}, one {@code etc/io.vmpool.health.console-<host>.cfg}
 * per host): the file a console server writes or the TCP port it serves the console on (exactly one of
 * {@code path} and {@code tcp}), how it is polled, reconnected and spooled, the parser's limit and the
 * corrected-error rate that makes the host DEGRADED.
 */
@ObjectClassDefinition(id = ConsoleConfig.PID, name = "vmpool console collector",
        description = "Follows a host's console (a log file or a TCP stream), keeps its tail on disk and reports "
                + "machine checks and panics")
public @interface ConsoleConfig {
    String PID = "io.vmpool.health.console";

    @AttributeDefinition(description = "The host whose console this is (its vmpool name, as in io.vmpool.host)")
    String host();

    @AttributeDefinition(required = false, description = "The console log file a console server (conserver, "
            + "ipmitool sol, virsh console, libvirt's <log file=...>) appends to; rotation and truncation are "
            + "followed. Exactly one of path and tcp")
    String path();

    @AttributeDefinition(required = false, name = "TCP console", description = "host:port of a raw TCP console "
            + "stream (a terminal server's port, ser2net in raw mode; [v6-address]:port for IPv6), read instead of "
            + "a file and reconnected when it drops. Exactly one of path and tcp")
    String tcp();

    @AttributeDefinition(name = "Poll interval (ms)", min = "10", description = "How often the file is checked "
            + "for new lines, rotation and truncation, or the TCP stream read")
    long pollMillis() default 500;

    @AttributeDefinition(name = "TCP connect timeout (ms)", min = "1", description = "How long a connection to "
            + "the tcp console may take before it counts as failed")
    long connectTimeoutMillis() default 5000;

    @AttributeDefinition(name = "TCP reconnect delay (ms)", min = "1", description = "Wait before connecting "
            + "again after the tcp console dropped or refused; doubled after each further failure")
    long reconnectMillis() default 1000;

    @AttributeDefinition(name = "TCP reconnect delay at most (ms)", min = "1", description = "The longest wait "
            + "between two connection attempts")
    long reconnectMaxMillis() default 60000;

    @AttributeDefinition(name = "Read from start", description = "Whether the file found at start is read from "
            + "its beginning (true) or only what is appended after (false: old panics are not reported again "
            + "after a restart). Files that appear later (rotation) are always read from the beginning. "
            + "Not used with tcp: a stream has only what comes after the connection")
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
