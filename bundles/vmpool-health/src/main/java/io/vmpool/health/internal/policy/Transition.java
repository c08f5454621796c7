package io.vmpool.health.internal.policy;

import io.vmpool.api.health.HostState;
import java.time.Instant;
import java.util.List;

/** One change of a host's state: from where ({@code null} for a host first heard of), to where, when, why, with what evidence. */
record Transition(String host, HostState from, HostState to, Instant at, String reason, List<String> evidence) {

    Transition {
        evidence = List.copyOf(evidence);
    }

    /** The host.state event's message: {@code <old> -> <new>: <reason>; evidence: <first lines>}. */
    String message(int evidenceLines) {
        return (from == null ? HostStateMachine.NONE : from.name()) + " -> " + to + ": " + reason + "; evidence: "
                + Evidence.firstLines(evidence, evidenceLines);
    }
}
