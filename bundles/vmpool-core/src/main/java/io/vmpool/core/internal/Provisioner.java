package io.vmpool.core.internal;

import io.vmpool.api.Event;
import io.vmpool.api.hypervisor.Hypervisor;
import io.vmpool.api.inventory.InventoryStore;
import io.vmpool.api.inventory.MachineRecord;
import io.vmpool.api.lock.LeaseLostException;
import io.vmpool.api.machine.MachineState;
import io.vmpool.api.storage.StoragePool;
import io.vmpool.api.storage.Volume;
import io.vmpool.api.storage.VolumeRequest;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a placed machine step by step (volume, domain, start) and, when a step fails, undoes the
 * earlier ones in reverse order so no orphan volume, domain or record is left; the event it
 * records says which step failed and what was undone.
 */
final class Provisioner {
    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);
    private static final long GIB = 1024L * 1024 * 1024;

    private final InventoryStore inventory;
    private final String consoleLogDirectory;

    Provisioner(InventoryStore inventory) {
        this(inventory, "");
    }

    /** @param consoleLogDirectory where the hosts write each machine's serial log (the core's consoleLogDirectory) */
    Provisioner(InventoryStore inventory, String consoleLogDirectory) {
        this.inventory = inventory;
        this.consoleLogDirectory = consoleLogDirectory;
    }

    MachineRecord provision(MachineRecord placed, PoolHost host, StoragePool pool, Fence fence, String actor) {
        MachineRecord m = placed;
        Volume volume = null;
        boolean defined = false;
        boolean activated = false;
        String step = "create the disk in pool " + pool.id();
        try {
            fence.check(step);
            volume = pool.create(new VolumeRequest(m.name(), "disk0", m.diskGiB() * GIB));
            m = m.withVolume(volume.id());
            inventory.update(m);
            step = "make the disk usable on " + host.name();
            fence.check(step);
            pool.activate(volume.id(), host.name());
            activated = true;
            step = "connect to host " + host.name();
            Hypervisor hv = host.hypervisor();
            step = "define the domain on " + host.name();
            fence.check(step);
            hv.define(Domains.spec(m, volume, consoleLogDirectory));
            defined = true;
            step = "start the domain on " + host.name();
            fence.check(step);
            hv.start(m.name());
            m = m.withState(MachineState.RUNNING, null);
            inventory.update(m);
            inventory.record(Event.now(subject(m.name()), "machine.created", actor, "created on " + host.name()
                    + " with " + m.memoryMiB() + " MiB, " + m.vcpus() + " vCPU, " + m.diskGiB() + " GiB disk " + volume.id()));
            return m;
        } catch (LeaseLostException lost) {
            // a newer holder may be working on this machine: undoing now could destroy its work;
            // the record stays PROVISIONING and the reconciler undoes it under a valid lock
            String msg = "create stopped before it could " + step + ": " + lost.getMessage()
                    + "; left PROVISIONING for the reconciler";
            LOG.warn("machine {}: {}", m.name(), msg);
            record(Event.now(subject(m.name()), "machine.create-stopped", actor, msg));
            throw lost;
        } catch (RuntimeException failure) {
            List<String> undone = undo(m, host, pool, volume, defined, activated);
            String msg = "create failed: could not " + step + ": " + failure.getMessage() + "; undone: "
                    + (undone.isEmpty() ? "nothing to undo" : String.join(", ", undone));
            LOG.warn("machine {}: {}", m.name(), msg);
            record(Event.now(subject(m.name()), "machine.create-failed", actor, msg));
            throw failure;
        }
    }

    private List<String> undo(MachineRecord m, PoolHost host, StoragePool pool, Volume volume, boolean defined,
            boolean activated) {
        List<String> done = new ArrayList<>();
        boolean clean = true;
        if (defined) {
            try {
                Hypervisor hv = host.hypervisor();
                if (hv.state(m.name()).map(s -> s.isActive()).orElse(false)) {
                    hv.destroy(m.name());
                }
                hv.undefine(m.name());
                done.add("domain removed from " + host.name());
            } catch (RuntimeException e) {
                done.add("domain on " + host.name() + " NOT removed (" + e.getMessage() + ")");
                clean = false;
            }
        }
        if (activated && clean) {
            try {
                pool.deactivate(volume.id(), host.name());
                done.add("volume " + volume.id() + " released on " + host.name());
            } catch (RuntimeException e) {
                done.add("volume " + volume.id() + " NOT released on " + host.name() + " (" + e.getMessage() + ")");
                clean = false;
            }
        }
        if (volume != null && clean) {
            try {
                pool.delete(volume.id());
                done.add("volume " + volume.id() + " deleted");
            } catch (RuntimeException e) {
                done.add("volume " + volume.id() + " NOT deleted (" + e.getMessage() + ")");
                clean = false;
            }
        }
        try {
            if (clean) {
                inventory.delete(m.name());
                done.add("record removed");
            } else {
                // keep the record so the leftovers stay visible and vm:delete can finish the job
                inventory.update(m.withState(MachineState.UNKNOWN, "create failed half way; vm:delete removes what is left"));
                done.add("record kept as UNKNOWN");
            }
        } catch (RuntimeException e) {
            done.add("record NOT cleaned up (" + e.getMessage() + ")");
        }
        return done;
    }

    private void record(Event e) {
        try {
            inventory.record(e);
        } catch (RuntimeException ex) {
            LOG.warn("cannot record event {}: {}", e, ex.getMessage());
        }
    }

    static String subject(String machine) {
        return "machine:" + machine;
    }
}
