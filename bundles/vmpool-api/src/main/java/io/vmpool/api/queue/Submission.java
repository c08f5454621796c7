package io.vmpool.api.queue;

import io.vmpool.api.machine.Machine;

/** What a create that may wait gave: the machine, created now, or the request kept on the waiting list. */
public record Submission(Machine machine, QueuedRequest request) {

    public static Submission created(Machine machine) {
        return new Submission(machine, null);
    }

    public static Submission queued(QueuedRequest request) {
        return new Submission(null, request);
    }

    public boolean isQueued() {
        return request != null;
    }
}
