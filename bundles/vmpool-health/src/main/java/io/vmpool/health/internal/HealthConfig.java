package io.vmpool.health.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the health collectors' sources (PID {@value #PID}): every path and limit the
 * decoding layer uses lives here. The collectors that will read it as DS components come later;
 * until then the tests build it.
 */
@ObjectClassDefinition(id = HealthConfig.PID, name = "vmpool host health",
        description = "Where the health collectors read machine checks and ECC counters, and their limits")
public @interface HealthConfig {
    String PID = "io.vmpool.health";

    @AttributeDefinition(name = "EDAC root", description = "Directory of the kernel's EDAC sysfs tree "
            + "(holds mc/mc0, mc/mc1, ...)")
    String edacRoot() default "/sys/devices/system/edac";

    @AttributeDefinition(name = "Corrected-error rate window (minutes)", description = "Span of samples over "
            + "which the corrected errors of each DIMM are counted")
    long correctedRateWindowMinutes() default 60;

    @AttributeDefinition(name = "rasdaemon database", description = "rasdaemon's SQLite database file")
    String rasdaemonDatabase() default "/var/lib/rasdaemon/ras-mc_event.db";

    @AttributeDefinition(name = "rasdaemon busy timeout (ms)", description = "How long a read of rasdaemon's "
            + "database waits while rasdaemon is writing to it, in milliseconds")
    int rasdaemonBusyTimeoutMillis() default 2000;

    @AttributeDefinition(name = "Lines per machine-check record", description = "Most lines one record may "
            + "span in a kernel log or mcelog text; a record longer than this is closed as incomplete")
    int maxRecordLines() default 32;
}
