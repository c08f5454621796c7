package io.vmpool.health.internal.policy;

import io.vmpool.api.ConflictException;
import io.vmpool.api.health.HealthObservation;
import io.vmpool.api.health.HostState;
import io.vmpool.api.health.Signal;
import io.vmpool.health.internal.HealthConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One host's health state and the rules that move it (docs/health.md, "Policy rules"). Not thread-safe:
 * used only on the policy's thread. Every method returns the transition it made, if any.
 */
final class HostStateMachine {
    /** How a host that had no state is written in the host.state event. */
    static final String NONE = "none";

    private final String host;
    private final Duration probation;
    private final int missedLimit;
    private HostState state;
    private Instant since;
    private String reason;
    /** Where UNREACHABLE and MAINTENANCE go back to. */
    private HostState returnTo;
    /** The worst error seen while UNREACHABLE or in MAINTENANCE, which decides {@link #returnTo}. */
    private HealthObservation deferred;
    private int missed;
    private Instant probationStart;

    private HostStateMachine(String host, Duration probation, int missedLimit, HostState state, Instant since,
            String reason, HostState returnTo) {
        this.host = host;
        this.probation = probation;
        this.missedLimit = missedLimit;
        this.state = state;
        this.since = since;
        this.reason = reason;
        this.returnTo = returnTo;
        this.probationStart = since;
    }

    /** A host the policy hears of for the first time: PROBATION, or HEALTHY when the probation is 0. */
    static HostStateMachine fresh(String host, Duration probation, int missedLimit, Instant at, String why) {
        HostState first = probation.isZero() ? HostState.HEALTHY : HostState.PROBATION;
        String reason = why + (probation.isZero() ? " (probationMinutes=0 in " + HealthConfig.PID + ")"
                : "; HEALTHY after " + probation.toMinutes() + " min without an error (probationMinutes in "
                        + HealthConfig.PID + ")");
        return new HostStateMachine(host, probation, missedLimit, first, at, reason, null);
    }

    /**
     * A host the policy hears of for the first time without an admission (configured by hand, or in service
     * before the policy was installed), when {@code probationWhenFirstHeard} is off: HEALTHY.
     */
    static HostStateMachine unadmitted(String host, Duration probation, int missedLimit, Instant at, String why) {
        return new HostStateMachine(host, probation, missedLimit, HostState.HEALTHY, at, why
                + "; not admitted with host:add, so no probation (probationWhenFirstHeard=false in " + HealthConfig.PID
                + ")", null);
    }

    /** A host whose state was recorded before this start: no transition. */
    static HostStateMachine restored(String host, Duration probation, int missedLimit, HostState state,
            HostState returnTo, Instant since, String reason) {
        return new HostStateMachine(host, probation, missedLimit, state, since, reason, returnTo);
    }

    /** How a fresh host got its first state, as a transition from none. */
    Transition first() {
        return new Transition(host, null, state, since, reason, List.of());
    }

    HostState state() {
        return state;
    }

    Instant since() {
        return since;
    }

    String reason() {
        return reason;
    }

    /** When a host in PROBATION becomes HEALTHY if nothing happens. */
    Instant probationEnd() {
        return probationStart.plus(probation);
    }

    Optional<Transition> observe(HealthObservation o) {
        String why = o.signal() + " (" + o.source() + "): " + o.summary();
        switch (o.signal()) {
            case FATAL_MACHINE_CHECK, PANIC, UNCORRECTED_ERROR:
                return error(HostState.FAILED, o, why);
            case CORRECTED_RATE_HIGH:
                return error(HostState.DEGRADED, o, why);
            case CORRECTED_ERROR:
                if (state == HostState.PROBATION || returnTo == HostState.PROBATION) {
                    probationStart = o.at(); // "no error" for the whole probation: it starts again
                }
                return Optional.empty();
            case HEARTBEAT_MISSED:
                missed++;
                if (missed >= missedLimit && isPlain(state)) {
                    returnTo = state;
                    deferred = null;
                    return move(HostState.UNREACHABLE, o.at(), missed + " heartbeats missed in a row (missedHeartbeats="
                            + missedLimit + " in " + HealthConfig.PID + "); last: " + o.summary(), o.evidence());
                }
                return Optional.empty();
            case HEARTBEAT_OK:
                missed = 0;
                if (state == HostState.UNREACHABLE) {
                    return leave(o.at(), "answered its heartbeat again: " + o.summary(), o.evidence());
                }
                return Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /** Probation over without an error: HEALTHY. */
    Optional<Transition> promoteIfDue(Instant now) {
        if (state != HostState.PROBATION || now.isBefore(probationEnd())) {
            return Optional.empty();
        }
        return move(HostState.HEALTHY, now, "no error for " + probation.toMinutes() + " min of probation "
                + "(probationMinutes in " + HealthConfig.PID + ")", List.of());
    }

    Optional<Transition> maintenance(boolean on, String actor, Instant now) {
        if (on == (state == HostState.MAINTENANCE)) {
            return Optional.empty();
        }
        if (on) {
            returnTo = state == HostState.UNREACHABLE ? returnTo : state;
            if (state != HostState.UNREACHABLE) {
                deferred = null;
            }
            return move(HostState.MAINTENANCE, now, "maintenance set by " + actor, List.of());
        }
        return leave(now, "maintenance ended by " + actor, List.of());
    }

    Transition clear(String actor, String why, Instant now) {
        if (state != HostState.FAILED && state != HostState.DEGRADED) {
            throw new ConflictException("host " + host + " is " + state + " (since " + since + ": " + reason
                    + "); only FAILED or DEGRADED hosts are cleared");
        }
        probationStart = now;
        return move(HostState.PROBATION, now, "cleared by " + actor + ": " + why, List.of()).orElseThrow();
    }

    /**
     * The host was just admitted with host:add: its probation starts now, whatever an earlier host of
     * that name went through (HEALTHY at once when the probation is 0).
     */
    Transition admitted(String why, Instant now) {
        probationStart = now;
        returnTo = null;
        deferred = null;
        missed = 0;
        HostState to = probation.isZero() ? HostState.HEALTHY : HostState.PROBATION;
        return move(to, now, why + (probation.isZero() ? " (probationMinutes=0 in " + HealthConfig.PID + ")"
                : "; HEALTHY after " + probation.toMinutes() + " min without an error (probationMinutes in "
                        + HealthConfig.PID + ")"), List.of()).orElseThrow();
    }

    /** Back from UNREACHABLE or MAINTENANCE to where it was, or worse if an error came meanwhile. */
    private Optional<Transition> leave(Instant at, String why, List<String> evidence) {
        HostState target = returnTo == null ? HostState.PROBATION : returnTo;
        HealthObservation meanwhile = deferred;
        returnTo = null;
        deferred = null;
        if (target == HostState.PROBATION) {
            probationStart = at;
        }
        if (meanwhile == null) {
            return move(target, at, why, evidence);
        }
        return move(target, at, why + "; meanwhile " + meanwhile.signal() + " (" + meanwhile.source() + "): "
                + meanwhile.summary(), meanwhile.evidence());
    }

    private Optional<Transition> error(HostState target, HealthObservation o, String why) {
        if (state == HostState.MAINTENANCE || (state == HostState.UNREACHABLE && target != HostState.FAILED)) {
            if (rank(target) > rank(returnTo)) {
                returnTo = target;
                deferred = o;
            }
            return Optional.empty();
        }
        if (state == HostState.UNREACHABLE) {
            returnTo = null;
            deferred = null;
        } else if (rank(target) <= rank(state)) {
            return Optional.empty();
        }
        return move(target, o.at(), why, o.evidence());
    }

    private Optional<Transition> move(HostState to, Instant at, String why, List<String> evidence) {
        Transition t = new Transition(host, state, to, at, why, evidence);
        state = to;
        since = at;
        reason = why;
        return Optional.of(t);
    }

    /** The states heartbeats can take a host out of. */
    private static boolean isPlain(HostState s) {
        return s == HostState.HEALTHY || s == HostState.PROBATION || s == HostState.DEGRADED;
    }

    /** How bad a state is for the "worse of" rules: FAILED over DEGRADED over the rest. */
    private static int rank(HostState s) {
        if (s == HostState.FAILED) {
            return 2;
        }
        return s == HostState.DEGRADED ? 1 : 0;
    }
}
