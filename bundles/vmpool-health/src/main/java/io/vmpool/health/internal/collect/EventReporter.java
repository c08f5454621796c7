package io.vmpool.health.internal.collect;

import io.vmpool.api.health.HealthObservation;
import io.vmpool.api.health.HealthObserver;
import io.vmpool.api.health.Signal;
import io.vmpool.health.internal.mce.ConsoleEvent;
import io.vmpool.health.internal.mce.Severity;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts one host's events from one source to the policy ({@link EventObservations}) and adds
 * CORRECTED_RATE_HIGH when the corrected records pass the configured rate ({@link CorrectedRecordRate}).
 * Never throws at its caller: a refusal by the policy is logged. Times are this reporter's clock at
 * reading. Not thread-safe: one per collector, called from its poll thread.
 */
public final class EventReporter {
    private static final Logger LOG = LoggerFactory.getLogger(EventReporter.class);

    private final HealthObserver observer;
    private final String host;
    private final String source;
    private final String where;
    private final String pid;
    private final Clock clock;
    private final long windowMinutes;
    private final double perHourThreshold;
    private final CorrectedRecordRate corrected;

    /**
     * @param where where the records are, in words for the rate's summary ("on the console")
     * @param pid the collector's factory PID, named with its threshold in the summary
     */
    public EventReporter(HealthObserver observer, String host, String source, String where, String pid,
            long windowMinutes, double perHourThreshold, Clock clock) {
        this.observer = observer;
        this.host = host;
        this.source = source;
        this.where = where;
        this.pid = pid;
        this.clock = clock;
        this.windowMinutes = windowMinutes;
        this.perHourThreshold = perHourThreshold;
        this.corrected = new CorrectedRecordRate(Duration.ofMinutes(windowMinutes), perHourThreshold);
    }

    /** Posts the event's observation, and CORRECTED_RATE_HIGH when a corrected record takes the rate over. */
    public void report(ConsoleEvent event) {
        HealthObservation o = EventObservations.of(host, clock.instant(), source, event);
        send(o);
        if (event instanceof ConsoleEvent.MachineCheckRecord r && r.record().severity() == Severity.CORRECTED
                && corrected.add(o.at())) {
            send(new HealthObservation(host, o.at(), source, Signal.CORRECTED_RATE_HIGH,
                    String.format("%d corrected machine checks %s in %d min: %.1f per hour, over "
                            + "correctedPerHourThreshold=%s (%s)", corrected.count(), where, windowMinutes,
                            corrected.perHour(), perHourThreshold, pid), o.evidence()));
        }
    }

    /** Posts something about the source itself (a problem reading it), as a NOTICE. */
    public void notice(String summary, List<String> evidence) {
        send(new HealthObservation(host, clock.instant(), source, Signal.NOTICE, summary, evidence));
    }

    private void send(HealthObservation o) {
        try {
            observer.observe(o);
        } catch (RuntimeException e) {
            LOG.warn("{} of {}: the health policy refused {}: {}", source, host, o.signal(), e.toString());
        }
    }
}
