package io.vmpool.core.internal;

import io.vmpool.api.ConflictException;
import io.vmpool.api.Event;
import io.vmpool.api.hypervisor.DomainState;
import io.vmpool.api.hypervisor.Hypervisor;
import io.vmpool.api.inventory.InventoryStore;
import io.vmpool.api.inventory.MachineRecord;
import io.vmpool.api.lock.LeaseLostException;
import io.vmpool.api.machine.MachineState;
import io.vmpool.api.storage.StoragePool;
import io.vmpool.api.storage.Volume;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of a cold move under the machine's lease, each fenced: off on the source (graceful, then forced),
 * undefined there, the disk released there and activated on the target, defined (and started, if it ran) on the
 * target, the record's host changed last. A failed step undoes the earlier ones in reverse, so the machine is
 * back where it was, as it was; the domain is never defined on two hosts at once.
 */
final class Mover {
    private static final Logger LOG = LoggerFactory.getLogger(Mover.class);

    private final InventoryStore inventory;
    private final String consoleLogDirectory;
    private final Duration stopTimeout;

    Mover(InventoryStore inventory, String consoleLogDirectory, Duration stopTimeout) {
        this.inventory = inventory;
        this.consoleLogDirectory = consoleLogDirectory;
        this.stopTimeout = stopTimeout;
    }

    /** What one move works with; {@code pool} and {@code volume} are null for a machine without a disk. */
    record Move(MachineRecord machine, PoolHost source, PoolHost target, StoragePool pool, Volume volume, Fence fence,
            String actor) {
    }

    MachineRecord move(Move mv) {
        MachineRecord m = mv.machine();
        String name = m.name();
        Hypervisor src = mv.source().hypervisor();
        Hypervisor dst = mv.target().hypervisor();
        var before = src.state(name);
        boolean wasDefined = before.isPresent();
        boolean wasActive = before.map(DomainState::isActive).orElse(false);
        boolean stopped = false;
        boolean undefined = false;
        boolean deactivated = false;
        boolean activated = false;
        boolean defined = false;
        String step = "check the target " + mv.target().name();
        try {
            if (wasActive) {
                step = "shut the domain down on " + mv.source().name();
                mv.fence().check(step);
                src.shutdown(name);
                if (!awaitOff(src, name)) {
                    step = "force the domain off on " + mv.source().name() + " (not off after " + stopTimeout.toSeconds()
                            + " s, stopTimeoutSeconds in " + CoreConfig.PID + ")";
                    mv.fence().check(step);
                    src.destroy(name);
                }
                stopped = true;
            }
            if (wasDefined) {
                step = "undefine the domain on " + mv.source().name();
                mv.fence().check(step);
                src.undefine(name);
                undefined = true;
            }
            if (mv.volume() != null) {
                step = "release the disk " + mv.volume().id() + " on " + mv.source().name();
                mv.fence().check(step);
                mv.pool().deactivate(mv.volume().id(), mv.source().name());
                deactivated = true;
                step = "make the disk " + mv.volume().id() + " usable on " + mv.target().name();
                mv.fence().check(step);
                mv.pool().activate(mv.volume().id(), mv.target().name());
                activated = true;
            }
            step = "define the domain on " + mv.target().name();
            mv.fence().check(step);
            dst.define(Domains.spec(m, mv.volume(), consoleLogDirectory));
            defined = true;
            if (wasActive) {
                step = "start the domain on " + mv.target().name();
                mv.fence().check(step);
                dst.start(name);
            }
            step = "record the machine on " + mv.target().name();
            MachineRecord moved = m.withHost(mv.target().name());
            moved = wasActive ? moved.withState(MachineState.RUNNING, null)
                    : moved.withState(MachineState.STOPPED, m.state() == MachineState.STOPPED ? m.stateReason()
                            : "its domain was off when it was moved");
            inventory.update(moved);
            record(name, "machine.moved", mv.actor(), "moved from " + mv.source().name() + " to " + mv.target().name()
                    + (wasActive ? " (shut down, disk handed over, started there)" : " (was off; not started)"));
            return moved;
        } catch (LeaseLostException lost) {
            String msg = "move from " + mv.source().name() + " to " + mv.target().name() + " stopped before it could "
                    + step + ": " + lost.getMessage() + "; nothing undone (a newer holder may be at work); done so far: "
                    + done(stopped, undefined, deactivated, activated, defined, mv);
            LOG.warn("machine {}: {}", name, msg);
            record(name, "machine.move-stopped", mv.actor(), msg);
            throw lost;
        } catch (RuntimeException failure) {
            List<String> undone = undo(mv, wasActive && stopped, undefined, deactivated, activated, defined);
            String msg = "move from " + mv.source().name() + " to " + mv.target().name() + " failed: could not " + step
                    + ": " + failure.getMessage() + "; undone: " + (undone.isEmpty() ? "nothing to undo" : String.join(", ", undone));
            LOG.warn("machine {}: {}", name, msg);
            record(name, "machine.move-failed", mv.actor(), msg);
            throw failure;
        }
    }

    private List<String> undo(Move mv, boolean restart, boolean undefined, boolean deactivated, boolean activated,
            boolean defined) {
        String name = mv.machine().name();
        List<String> done = new ArrayList<>();
        List<String> left = new ArrayList<>();
        String src = mv.source().name();
        String dst = mv.target().name();
        if (defined) {
            attempt(done, left, "domain removed from " + dst, mv.fence(), () -> {
                Hypervisor hv = mv.target().hypervisor();
                if (hv.state(name).map(DomainState::isActive).orElse(false)) {
                    hv.destroy(name);
                }
                hv.undefine(name);
            });
        }
        if (activated && left.isEmpty()) {
            attempt(done, left, "disk released on " + dst, mv.fence(), () -> mv.pool().deactivate(mv.volume().id(), dst));
        }
        if (deactivated && left.isEmpty()) {
            attempt(done, left, "disk usable on " + src + " again", mv.fence(), () -> mv.pool().activate(mv.volume().id(), src));
        }
        if (undefined && left.isEmpty()) {
            attempt(done, left, "domain defined on " + src + " again", mv.fence(),
                    () -> mv.source().hypervisor().define(Domains.spec(mv.machine(), mv.volume(), consoleLogDirectory)));
        }
        if (restart && left.isEmpty()) {
            attempt(done, left, "started on " + src + " again", mv.fence(), () -> mv.source().hypervisor().start(name));
        }
        if (!left.isEmpty()) {
            // the record still names the source; say what is out of place so an admin can finish the job
            try {
                inventory.update(mv.machine().withState(MachineState.UNKNOWN, "a move to " + dst + " failed half way and"
                        + " could not be undone: " + String.join(", ", left)));
            } catch (RuntimeException e) {
                left.add("record NOT marked UNKNOWN (" + e.getMessage() + ")");
            }
            done.addAll(left);
        }
        return done;
    }

    private static void attempt(List<String> done, List<String> left, String what, Fence fence, Runnable step) {
        try {
            fence.check("undo: " + what);
            step.run();
            done.add(what);
        } catch (RuntimeException e) {
            left.add("NOT " + what + " (" + e.getMessage() + ")");
        }
    }

    private static String done(boolean stopped, boolean undefined, boolean deactivated, boolean activated, boolean defined,
            Move mv) {
        List<String> d = new ArrayList<>();
        if (stopped) {
            d.add("shut down on " + mv.source().name());
        }
        if (undefined) {
            d.add("undefined on " + mv.source().name());
        }
        if (deactivated) {
            d.add("disk released on " + mv.source().name());
        }
        if (activated) {
            d.add("disk usable on " + mv.target().name());
        }
        if (defined) {
            d.add("defined on " + mv.target().name());
        }
        return d.isEmpty() ? "nothing" : String.join(", ", d);
    }

    /** Polls until the domain is off or {@code stopTimeout} has passed; true when it is off. */
    private boolean awaitOff(Hypervisor hv, String name) {
        long deadline = System.nanoTime() + stopTimeout.toNanos();
        while (hv.state(name).map(DomainState::isActive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConflictException("interrupted while waiting for " + name + " to shut down");
            }
        }
        return true;
    }

    private void record(String machine, String type, String actor, String message) {
        try {
            inventory.record(Event.now(Provisioner.subject(machine), type, actor, message));
        } catch (RuntimeException e) {
            LOG.warn("cannot record {} of {}: {}", type, machine, e.getMessage());
        }
    }
}
