package io.vmpool.core.internal;

import io.vmpool.api.inventory.InventoryStore;
import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LeaseLostException;

/**
 * Checks, before each storage or hypervisor step of an operation on one machine, that the
 * operation's machine lease is still valid and that its fencing token is not older than one
 * the inventory has already seen for the machine; a holder that lost its lease (a paused JVM,
 * a lost ZooKeeper session) stops instead of acting on stale authority.
 */
final class Fence {
    private final InventoryStore inventory;
    private final String machine;
    private final Lease lease;

    Fence(InventoryStore inventory, String machine, Lease lease) {
        this.inventory = inventory;
        this.machine = machine;
        this.lease = lease;
    }

    /** @throws LeaseLostException (or its subclass StaleTokenException) naming the step that did not run */
    void check(String step) {
        if (!lease.isValid()) {
            throw new LeaseLostException("the lock on machine " + machine + " (token " + lease.token()
                    + ") was lost before the step '" + step + "'; nothing more was done");
        }
        inventory.advanceFence(machine, lease.token());
    }
}
