package io.vmpool.health.internal.edac;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One polled EDAC tree (factory PID {@value #PID}, one {@code etc/io.vmpool.health.edac-<host>.cfg} per
 * host): where the tree is, how often it is read, and the per-DIMM corrected-error rate that makes the
 * host DEGRADED.
 */
@ObjectClassDefinition(id = EdacConfig.PID, name = "vmpool EDAC collector",
        description = "Polls a host's EDAC sysfs counters and reports corrected and uncorrected memory errors")
public @interface EdacConfig {
    String PID = "io.vmpool.health.edac";

    @AttributeDefinition(description = "The host whose counters these are (its vmpool name, as in io.vmpool.host)")
    String host();

    @AttributeDefinition(name = "EDAC root", description = "Directory of the host's EDAC sysfs tree (holds mc/mc0, "
            + "mc/mc1, ...): /sys/devices/system/edac on the host itself, or a mirror of it")
    String edacRoot() default "/sys/devices/system/edac";

    @AttributeDefinition(name = "Poll interval (seconds)", min = "1", description = "How often the tree is read")
    long intervalSeconds() default 60;

    @AttributeDefinition(name = "Corrected-error window (minutes)", min = "1", description = "Span of samples over "
            + "which the corrected errors of each DIMM are counted")
    long correctedRateWindowMinutes() default 60;

    @AttributeDefinition(name = "Corrected errors per hour per DIMM", description = "A DIMM's corrected errors in "
            + "the window, divided by the window in hours, above which CORRECTED_RATE_HIGH is reported")
    double correctedPerHourThreshold() default 10;
}
