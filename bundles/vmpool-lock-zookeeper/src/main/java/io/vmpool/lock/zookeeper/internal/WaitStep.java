package io.vmpool.lock.zookeeper.internal;

import java.util.List;

/** One edge of a wait-for cycle: {@code owner} waits for {@code resource}, held (or queued ahead) by {@code blocker}. */
record WaitStep(String owner, String resource, String blocker, boolean holds) {

    /** E.g. {@code waits for machine:b held by op-8:bob}. */
    String relation() {
        return "waits for " + resource + (holds ? " held by " + blocker : " behind " + blocker + " (queued ahead)");
    }

    @Override
    public String toString() {
        return owner + " " + relation();
    }

    /** The cycle in words: {@code deadlock: op-7:alice waits for machine:b held by op-8:bob, which waits for ...}. */
    static String sentence(List<WaitStep> cycle) {
        StringBuilder s = new StringBuilder("deadlock: ").append(cycle.get(0));
        for (WaitStep step : cycle.subList(1, cycle.size())) {
            s.append(", which ").append(step.relation());
        }
        return s.toString();
    }
}
