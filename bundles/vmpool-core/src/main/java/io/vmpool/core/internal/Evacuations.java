package io.vmpool.core.internal;

import io.vmpool.api.Event;
import io.vmpool.api.NotFoundException;
import io.vmpool.api.inventory.InventoryStore;
import io.vmpool.api.inventory.MachineRecord;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.Evacuation;
import io.vmpool.api.machine.Evacuation.ItemState;
import io.vmpool.api.machine.Machine;
import io.vmpool.api.machine.MachineState;
import io.vmpool.api.machine.NoCapacityException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drains of hosts in maintenance: each machine recorded on the host is cold-moved with the scheduler choosing
 * its target afresh (so, with the most-free weigher, they spread), {@code evacuationParallelism} at a time; a
 * machine no other host can take stays, with the scheduler's reason. Tasks live in memory, one event per drain's
 * start and end on the host, one per move on the machine.
 */
final class Evacuations {
    private static final Logger LOG = LoggerFactory.getLogger(Evacuations.class);

    /** A cold move with the scheduler choosing the target, as {@code MachineService.move(name, null, caller)}. */
    interface MoveOff extends BiFunction<String, Caller, Machine> {
    }

    private final InventoryStore inventory;
    private final MoveOff move;
    private final MoveReservations moves;
    private final int parallelism;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, EvacuationTask> tasks = new ConcurrentHashMap<>();
    private final Map<String, ExecutorService> running = new ConcurrentHashMap<>();

    Evacuations(InventoryStore inventory, MoveOff move, MoveReservations moves, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("evacuationParallelism must be at least 1, was " + parallelism
                    + " (fix it in " + CoreConfig.PID + ")");
        }
        this.inventory = inventory;
        this.move = move;
        this.moves = moves;
        this.parallelism = parallelism;
    }

    /** The host's running drain, or a new one started now over the machines recorded on it. */
    synchronized Evacuation start(String host, Caller caller) {
        Optional<EvacuationTask> current = tasks.values().stream().filter(t -> t.host().equals(host) && !t.done())
                .findFirst();
        if (current.isPresent()) {
            return current.get().snapshot();
        }
        List<MachineRecord> on = inventory.machines().stream().filter(m -> host.equals(m.host())).toList();
        EvacuationTask task = new EvacuationTask("evac-" + ids.incrementAndGet(), host, caller.name(), parallelism, on,
                moves::target);
        tasks.put(task.id(), task);
        record(host, caller.name(), "evacuation " + task.id() + " started: " + on.size() + " machine(s) to move off, "
                + parallelism + " at a time");
        ExecutorService workers = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "vmpool-evacuation-" + task.id());
            t.setDaemon(true);
            return t;
        });
        running.put(task.id(), workers);
        for (String name : task.names()) {
            workers.execute(() -> moveOne(task, name, caller));
        }
        workers.shutdown();
        Thread finisher = new Thread(() -> awaitEnd(task, workers), "vmpool-evacuation-" + task.id() + "-end");
        finisher.setDaemon(true);
        finisher.start();
        return task.snapshot();
    }

    Evacuation task(String id) {
        EvacuationTask t = tasks.get(id);
        if (t == null) {
            throw new NotFoundException("no evacuation task " + id + " (tasks are kept in memory until the core restarts)");
        }
        return t.snapshot();
    }

    List<Evacuation> tasks(String host) {
        return tasks.values().stream().filter(t -> t.host().equals(host)).map(EvacuationTask::snapshot)
                .sorted(Comparator.comparing(Evacuation::startedAt).reversed()).toList();
    }

    /** The host is back in service: its drain stops after the moves under way; the machines not yet moved stay. */
    void cancel(String host) {
        tasks.values().stream().filter(t -> t.host().equals(host) && !t.done()).forEach(EvacuationTask::cancel);
    }

    void close() {
        running.values().forEach(ExecutorService::shutdownNow);
    }

    private void moveOne(EvacuationTask task, String name, Caller caller) {
        if (task.cancelled()) {
            task.set(name, ItemState.STAYS, null, "host:activate " + task.host() + " came before it was moved");
            return;
        }
        Optional<MachineRecord> m = inventory.find(name);
        if (m.isEmpty() || !task.host().equals(m.get().host())) {
            task.set(name, ItemState.STAYS, m.map(MachineRecord::host).orElse(null),
                    m.isEmpty() ? "deleted meanwhile" : "no longer on " + task.host());
            return;
        }
        MachineState state = m.get().state();
        if (state != MachineState.RUNNING && state != MachineState.STOPPED) {
            task.set(name, ItemState.STAYS, null, "it is " + state + ": only RUNNING and STOPPED machines are moved");
            return;
        }
        task.set(name, ItemState.MOVING, null, null);
        try {
            Machine moved = move.apply(name, caller);
            task.set(name, ItemState.MOVED, moved.host(), null);
        } catch (NoCapacityException full) {
            task.set(name, ItemState.STAYS, null, full.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("evacuation {} of {}: moving {} failed: {}", task.id(), task.host(), name, e.toString());
            task.set(name, ItemState.FAILED, null, e.getMessage());
        }
    }

    private void awaitEnd(EvacuationTask task, ExecutorService workers) {
        try {
            while (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.debug("evacuation {} still moving", task.id());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.remove(task.id());
        task.finish();
        Evacuation e = task.snapshot();
        StringBuilder msg = new StringBuilder("evacuation " + e.id() + " finished: " + e.count(ItemState.MOVED) + " moved, "
                + e.count(ItemState.STAYS) + " stay, " + e.count(ItemState.FAILED) + " failed");
        e.machines().stream().filter(i -> i.state() == ItemState.STAYS || i.state() == ItemState.FAILED)
                .forEach(i -> msg.append("; ").append(i.machine()).append(' ').append(i.state()).append(": ").append(i.reason()));
        record(task.host(), e.actor(), msg.toString());
    }

    private void record(String host, String actor, String message) {
        try {
            inventory.record(Event.now("host:" + host, "host.evacuation", actor, message));
        } catch (RuntimeException ex) {
            LOG.warn("cannot record the evacuation event of {}: {}", host, ex.getMessage());
        }
    }
}
