package io.vmpool.core.internal;

import io.vmpool.api.Event;
import io.vmpool.api.hypervisor.DomainState;
import io.vmpool.api.hypervisor.Hypervisor;
import io.vmpool.api.inventory.InventoryStore;
import io.vmpool.api.inventory.MachineRecord;
import io.vmpool.api.lock.Lease;
import io.vmpool.api.machine.MachineState;
import io.vmpool.api.storage.StoragePool;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares what the inventory says runs on a host with what the host reports, and corrects the
 * record (never the host): a machine recorded RUNNING whose domain is gone or off becomes STOPPED
 * with an event saying why; one found running is recorded RUNNING. A machine left PROVISIONING
 * by a process that died half way through a create (nobody holds its lock) is undone: its domain
 * and volume are removed with the record. Machines busy in another operation are left for the
 * next pass.
 */
final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final InventoryStore inventory;
    private final OperationLocks locks;
    private final Function<String, StoragePool> pools;

    /** @param pools finds the pool a volume id names, or null when it is not available */
    Reconciler(InventoryStore inventory, OperationLocks locks, Function<String, StoragePool> pools) {
        this.inventory = inventory;
        this.locks = locks;
        this.pools = pools;
    }

    /** @return how many records were corrected */
    int reconcile(PoolHost host) {
        Hypervisor hv;
        try {
            hv = host.hypervisor();
        } catch (RuntimeException unreachable) {
            LOG.info("reconcile: host {} unreachable, skipped: {}", host.name(), unreachable.getMessage());
            return 0;
        }
        int corrected = 0;
        String op = locks.newOperation("reconciler");
        for (MachineRecord listed : inventory.machines()) {
            if (!host.name().equals(listed.host())) {
                continue;
            }
            try (Lease lease = locks.machineIfFree(listed.name(), op)) {
                if (lease == null) {
                    continue;
                }
                Optional<MachineRecord> current = inventory.find(listed.name());
                if (current.isEmpty()) {
                    continue;
                }
                if (current.get().state() == MachineState.PROVISIONING) {
                    new Fence(inventory, listed.name(), lease).check("undo an unfinished create");
                    undoUnfinishedCreate(current.get(), host.name(), hv);
                    corrected++;
                } else if (correct(current.get(), host.name(), hv.state(listed.name()))) {
                    corrected++;
                }
            } catch (RuntimeException e) {
                LOG.warn("reconcile: machine {} on {}: {}", listed.name(), host.name(), e.getMessage());
            }
        }
        return corrected;
    }

    private void undoUnfinishedCreate(MachineRecord m, String host, Hypervisor hv) {
        Optional<DomainState> domain = hv.state(m.name());
        if (domain.isPresent()) {
            if (domain.get().isActive()) {
                hv.destroy(m.name());
            }
            hv.undefine(m.name());
        }
        if (m.volumeId() != null) {
            StoragePool pool = pools.apply(m.volumeId());
            if (pool == null) {
                LOG.warn("reconcile: machine {}: pool of volume {} not available; will retry", m.name(), m.volumeId());
                return;
            }
            pool.delete(m.volumeId());
        }
        inventory.delete(m.name());
        String why = "a create that never finished was undone (domain " + (domain.isPresent() ? "removed" : "absent")
                + " on " + host + ", volume " + (m.volumeId() == null ? "none" : m.volumeId() + " deleted") + ", record removed)";
        inventory.record(Event.now(Provisioner.subject(m.name()), "machine.reconciled", "reconciler", why));
        LOG.info("reconcile: machine {}: {}", m.name(), why);
    }

    private boolean correct(MachineRecord m, String host, Optional<DomainState> domain) {
        String why;
        MachineState next;
        if (m.state() == MachineState.RUNNING && domain.isEmpty()) {
            next = MachineState.STOPPED;
            why = "its domain was gone from host " + host + " (the hypervisor no longer knew it, e.g. after a restart);"
                    + " vm:start defines it again";
        } else if (m.state() == MachineState.RUNNING && !domain.get().isActive()) {
            next = MachineState.STOPPED;
            why = "found " + domain.get() + " on host " + host;
        } else if ((m.state() == MachineState.STOPPED || m.state() == MachineState.UNKNOWN)
                && domain.isPresent() && domain.get().isActive()) {
            next = MachineState.RUNNING;
            why = "found " + domain.get() + " on host " + host;
        } else {
            return false;
        }
        inventory.update(m.withState(next, why));
        inventory.record(Event.now(Provisioner.subject(m.name()), "machine.reconciled", "reconciler",
                m.state() + " -> " + next + ": " + why));
        LOG.info("reconcile: machine {} {} -> {}: {}", m.name(), m.state(), next, why);
        return true;
    }
}
