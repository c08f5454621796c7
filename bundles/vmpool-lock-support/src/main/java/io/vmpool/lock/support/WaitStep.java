package io.vmpool.lock.support;

import io.vmpool.api.lock.DeadlockException;
import java.util.List;

/**
 * One edge of a wait-for cycle: {@code owner} waits for {@code resource}, held by {@code blocker}
 * ({@code holds}) or queued ahead of it. A backend's deadlock search returns a cycle as these steps,
 * starting with the step of the request that closes it; {@link #deadlock(List)} words the refusal.
 */
public record WaitStep(String owner, String resource, String blocker, boolean holds) {

    /** E.g. {@code waits for machine:b held by op-8:bob}, or {@code waits for r behind op-9 (queued ahead)}. */
    public String relation() {
        return "waits for " + resource + (holds ? " held by " + blocker : " behind " + blocker + " (queued ahead)");
    }

    /** E.g. {@code op-7:alice waits for machine:b held by op-8:bob}. */
    @Override
    public String toString() {
        return owner + " " + relation();
    }

    /**
     * The cycle in words, e.g. {@code deadlock: op-7:alice waits for machine:b held by op-8:bob, which
     * waits for machine:a held by op-7:alice}.
     */
    public static String sentence(List<WaitStep> cycle) {
        if (cycle.isEmpty()) {
            throw new IllegalArgumentException("a wait-for cycle has at least one step");
        }
        StringBuilder s = new StringBuilder("deadlock: ").append(cycle.get(0));
        for (WaitStep step : cycle.subList(1, cycle.size())) {
            s.append(", which ").append(step.relation());
        }
        return s.toString();
    }

    /** The refusal of the request that would close {@code cycle}: its {@link #sentence}, and each step in {@code cycle()}. */
    public static DeadlockException deadlock(List<WaitStep> cycle) {
        return new DeadlockException(sentence(cycle), cycle.stream().map(WaitStep::toString).toList());
    }
}
