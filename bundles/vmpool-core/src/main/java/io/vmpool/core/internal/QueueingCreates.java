package io.vmpool.core.internal;

import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.Machine;
import io.vmpool.api.machine.MachineSpec;
import io.vmpool.api.machine.NoCapacityException;
import java.util.function.Consumer;

/**
 * Inside the core: a create whose refusal for lack of capacity is handed to {@code keep} while the create still
 * holds the placement lock, so the waiting list records the request before any other create can pass the
 * owner's quota check (quotas count waiting requests; docs/waiting-list.md). {@code keep} then throws nothing.
 */
public interface QueueingCreates {
    Machine create(MachineSpec spec, Caller caller, Consumer<NoCapacityException> keep);
}
