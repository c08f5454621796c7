package io.vmpool.health.internal.collect;

import io.vmpool.api.health.HealthObservation;
import io.vmpool.api.health.Signal;
import io.vmpool.health.internal.mce.ConsoleEvent;
import io.vmpool.health.internal.mce.NoticeKind;
import java.time.Instant;

/**
 * What a parsed event (from a console, mcelog's log or rasdaemon's database) means to the policy: a
 * corrected record CORRECTED_ERROR, an uncorrected one the machine survived (or the page it cost,
 * "Memory failure:") UNCORRECTED_ERROR, a fatal record or a machine-check panic FATAL_MACHINE_CHECK, any
 * other panic PANIC, a hung task HUNG_TASK, the rest NOTICE. The same rules for every source.
 */
public final class EventObservations {
    private EventObservations() {
    }

    /** The observation of {@code event} seen on {@code host} at {@code at} from {@code source} ("console", ...). */
    public static HealthObservation of(String host, Instant at, String source, ConsoleEvent event) {
        if (event instanceof ConsoleEvent.MachineCheckRecord r) {
            Signal signal = switch (r.record().severity()) {
                case CORRECTED -> Signal.CORRECTED_ERROR;
                case UNCORRECTED_RECOVERABLE -> Signal.UNCORRECTED_ERROR;
                case FATAL -> Signal.FATAL_MACHINE_CHECK;
            };
            return new HealthObservation(host, at, source, signal,
                    r.record().summary() + (r.complete() ? "" : " (record cut off)"), r.lines());
        }
        if (event instanceof ConsoleEvent.Panic p) {
            return new HealthObservation(host, at, source, p.machineCheck() ? Signal.FATAL_MACHINE_CHECK : Signal.PANIC,
                    "kernel panic: " + p.reason(), p.lines());
        }
        if (event instanceof ConsoleEvent.HungTask h) {
            return new HealthObservation(host, at, source, Signal.HUNG_TASK,
                    "task " + h.task() + ":" + h.pid() + " blocked for more than " + h.seconds() + " s", h.lines());
        }
        if (event instanceof ConsoleEvent.KernelNotice n) {
            return new HealthObservation(host, at, source,
                    n.kind() == NoticeKind.MEMORY_FAILURE ? Signal.UNCORRECTED_ERROR : Signal.NOTICE, notice(n), n.lines());
        }
        ConsoleEvent.Unparsed u = (ConsoleEvent.Unparsed) event;
        return new HealthObservation(host, at, source, Signal.NOTICE, source + " line not understood: " + u.reason(),
                u.lines());
    }

    private static String notice(ConsoleEvent.KernelNotice n) {
        return switch (n.kind()) {
            case EVENTS_LOGGED -> "machine check events logged";
            case VERDICT -> "machine check verdict: " + n.text();
            case BROADCAST_TIMEOUT -> "machine-check broadcast timed out: " + n.text();
            case MEMORY_FAILURE -> "page taken offline after an uncorrected memory error: " + n.text();
        };
    }
}
