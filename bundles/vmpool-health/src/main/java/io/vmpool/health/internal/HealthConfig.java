package io.vmpool.health.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the health policy and its alert router (PID {@value #PID}): every rule and limit lives
 * here. The collectors have their own factory configurations ({@code io.vmpool.health.console},
 * {@code io.vmpool.health.edac}, {@code io.vmpool.health.mcelog}, {@code io.vmpool.health.rasdaemon}).
 */
@ObjectClassDefinition(id = HealthConfig.PID, name = "vmpool host health",
        description = "The rules that turn what collectors see into host states, and how alerts are grouped")
public @interface HealthConfig {
    String PID = "io.vmpool.health";

    @AttributeDefinition(name = "Probation (minutes)", min = "0", description = "How long a host admitted with "
            + "host:add, or cleared, stays in PROBATION without an error before it is HEALTHY (a corrected error "
            + "starts it again); 0: an admitted host is HEALTHY at once and a cleared one as soon as the policy has "
            + "recorded its PROBATION")
    long probationMinutes() default 1440;

    @AttributeDefinition(name = "Probation when first heard of", description = "Whether a host the policy first "
            + "hears of without host:add (one configured by hand, or in service before vmpool-health was installed) "
            + "starts in PROBATION like an admitted one; false: it starts HEALTHY")
    boolean probationWhenFirstHeard() default false;

    @AttributeDefinition(name = "Missed heartbeats", min = "1", description = "HEARTBEAT_MISSED in a row that "
            + "make a HEALTHY, PROBATION or DEGRADED host UNREACHABLE")
    int missedHeartbeats() default 3;

    @AttributeDefinition(name = "Alert window (minutes)", min = "1", description = "One alert per host and cause "
            + "per window: the first at once, the repeats counted and sent once when the window ends")
    long alertWindowMinutes() default 15;

    @AttributeDefinition(name = "Alert sink retries", min = "0", description = "How many times an alert a sink "
            + "failed to deliver is offered to it again, one alert window apart")
    int alertSinkRetries() default 3;

    @AttributeDefinition(name = "Recent observations", min = "1", description = "Observations kept per host "
            + "(HostHealth.recent, host:health), newest first")
    int recentObservations() default 50;

    @AttributeDefinition(name = "Evidence lines per event", min = "1", description = "Lines of an observation's "
            + "evidence written into the host.state event and the event-log alert")
    int evidenceLines() default 8;

    @AttributeDefinition(name = "Queued observations", min = "1", description = "Observations waiting for the "
            + "policy at most; more are dropped (and counted in the log) so that observe() never blocks")
    int maxQueuedObservations() default 10000;

    @AttributeDefinition(name = "Admin call timeout (seconds)", min = "1", description = "How long maintenance "
            + "and clear wait for the policy's queue")
    int adminTimeoutSeconds() default 30;

    @AttributeDefinition(name = "Events read at restore", min = "1", description = "How many of a host's latest "
            + "inventory events are searched for its last host.state when the policy first hears of it after a start")
    int restoreEvents() default 200;
}
