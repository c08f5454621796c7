package io.vmpool.health.internal.policy;

import io.vmpool.api.Event;
import io.vmpool.api.health.HostState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host's last recorded state, read back from its host.state events, so that a restart of the policy
 * does not forget a FAILED host. UNREACHABLE is restored as the state before it (heartbeats decide
 * anew); MAINTENANCE keeps where it goes back to.
 */
final class RecordedState {
    static final String HOST_STATE = "host.state";
    private static final Pattern MESSAGE = Pattern.compile("^([A-Za-z_]+) -> ([A-Z_]+): .*", Pattern.DOTALL);

    private RecordedState() {
    }

    /** From {@code events}, newest first (InventoryStore.events), the newest host.state that can be read. */
    static Optional<HostStateMachine> restore(String host, List<Event> events, Duration probation, int missedLimit) {
        for (Event e : events) {
            if (!e.type().equals(HOST_STATE)) {
                continue;
            }
            Matcher m = MESSAGE.matcher(e.message());
            if (!m.matches()) {
                continue;
            }
            Optional<HostState> to = state(m.group(2));
            if (to.isEmpty()) {
                continue;
            }
            HostState from = state(m.group(1)).orElse(null);
            HostState state = to.get();
            HostState returnTo = null;
            if (state == HostState.UNREACHABLE) {
                state = from == null || from == HostState.UNREACHABLE ? HostState.PROBATION : from;
            } else if (state == HostState.MAINTENANCE) {
                returnTo = from == null || from == HostState.UNREACHABLE || from == HostState.MAINTENANCE
                        ? HostState.PROBATION : from;
            }
            return Optional.of(HostStateMachine.restored(host, probation, missedLimit, state, returnTo, e.time(),
                    "restored from the event of " + e.time() + ": " + e.message()));
        }
        return Optional.empty();
    }

    private static Optional<HostState> state(String name) {
        try {
            return Optional.of(HostState.valueOf(name));
        } catch (IllegalArgumentException notAState) {
            return Optional.empty();
        }
    }
}
