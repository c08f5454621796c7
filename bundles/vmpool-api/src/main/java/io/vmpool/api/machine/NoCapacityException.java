package io.vmpool.api.machine;

import io.vmpool.api.ConflictException;
import io.vmpool.api.placement.PlacementDecision;
import java.util.List;
import java.util.Optional;

/**
 * No host could take the machine; carries, per host, why not and what it had free, and (since 1.4) the
 * scheduler's whole decision: every host's failed filters and score, and how much memory is missing.
 */
public class NoCapacityException extends ConflictException {
    private static final long serialVersionUID = 1L;
    private final List<HostRefusal> refusals;
    private final transient PlacementDecision decision;

    public NoCapacityException(String message, List<HostRefusal> refusals) {
        this(message, refusals, null);
    }

    /** @since 1.4 */
    public NoCapacityException(String message, List<HostRefusal> refusals, PlacementDecision decision) {
        super(message + describe(refusals));
        this.refusals = List.copyOf(refusals);
        this.decision = decision;
    }

    public List<HostRefusal> refusals() {
        return refusals;
    }

    /** The scheduler's decision that refused the machine, when the scheduler made one. @since 1.4 */
    public Optional<PlacementDecision> decision() {
        return Optional.ofNullable(decision);
    }

    private static String describe(List<HostRefusal> refusals) {
        if (refusals.isEmpty()) {
            return ": the pool has no hosts";
        }
        StringBuilder sb = new StringBuilder(":");
        for (HostRefusal r : refusals) {
            sb.append("\n  ").append(r);
        }
        return sb.toString();
    }
}
