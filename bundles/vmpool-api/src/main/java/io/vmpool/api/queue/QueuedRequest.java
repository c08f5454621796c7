package io.vmpool.api.queue;

import io.vmpool.api.machine.MachineSpec;
import java.time.Instant;

/** A create on the waiting list: its id, its place (1 = next to boot), what it asks for and until when. */
public record QueuedRequest(String id, int position, String owner, MachineSpec spec, Instant since, Instant expires,
        String reason) {
}
