package io.vmpool.health.internal.mcelog;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One followed mcelog log (factory PID {@value #PID}, one {@code etc/io.vmpool.health.mcelog-<host>.cfg}
 * per host): the file mcelog writes its decoded records to, how it is polled, the parser's limits and the
 * corrected-error rate that makes the host DEGRADED.
 */
@ObjectClassDefinition(id = McelogConfig.PID, name = "vmpool mcelog collector",
        description = "Follows mcelog's decoded log and reports its machine-check records")
public @interface McelogConfig {
    String PID = "io.vmpool.health.mcelog";

    @AttributeDefinition(description = "The host whose log this is (its vmpool name, as in io.vmpool.host)")
    String host();

    @AttributeDefinition(name = "mcelog log", description = "The file mcelog (daemon mode, logfile in mcelog.conf) "
            + "writes its decoded records to; rotation and truncation are followed")
    String path() default "/var/log/mcelog";

    @AttributeDefinition(name = "Poll interval (ms)", min = "10", description = "How often the file is checked "
            + "for new lines, rotation and truncation")
    long pollMillis() default 1000;

    @AttributeDefinition(name = "Read from start", description = "Whether the file found at start is read from "
            + "its beginning (true) or only what is appended after (false: old records are not reported again "
            + "after a restart). Files that appear later (rotation) are always read from the beginning")
    boolean fromStart() default false;

    @AttributeDefinition(name = "Longest line (bytes)", min = "80", description = "A longer line is cut and the "
            + "rest taken as the next line; also the read buffer")
    int maxLineBytes() default 65536;

    @AttributeDefinition(name = "Lines per record", min = "2", description = "Most lines one mcelog record may "
            + "span; a longer one is closed there (cut off, or not readable before its STATUS line)")
    int maxRecordLines() default 32;

    @AttributeDefinition(name = "Corrected-error window (minutes)", min = "1", description = "Span over which "
            + "corrected machine-check records in this log are counted")
    long correctedRateWindowMinutes() default 60;

    @AttributeDefinition(name = "Corrected errors per hour", description = "Corrected records in the window, "
            + "divided by the window in hours, above which CORRECTED_RATE_HIGH is reported (the host goes DEGRADED)")
    double correctedPerHourThreshold() default 10;
}
