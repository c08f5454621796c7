package io.vmpool.rest.internal;

import io.vmpool.api.Event;
import io.vmpool.api.ForbiddenException;
import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.NotFoundException;
import io.vmpool.api.inventory.DuplicateNameException;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.HostRefusal;
import io.vmpool.api.machine.HostStatus;
import io.vmpool.api.machine.Machine;
import io.vmpool.api.machine.MachineService;
import io.vmpool.api.machine.MachineSpec;
import io.vmpool.api.machine.MachineState;
import io.vmpool.api.machine.NoCapacityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Test fixture only: a MachineService that keeps the interface's contract (validation, owner-or-admin,
 * placement by free memory, events newest first) in memory, with one host of {@code hostMemoryMiB}.
 */
final class InMemoryMachineService implements MachineService {
    static final String ADMIN_ROLE = "vmpool-admin";
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");

    private final long hostMemoryMiB;
    private final Map<String, Machine> machines = new LinkedHashMap<>();
    private final List<Event> events = new ArrayList<>();
    private volatile Caller lastCaller;

    InMemoryMachineService(long hostMemoryMiB) {
        this.hostMemoryMiB = hostMemoryMiB;
    }

    Caller lastCaller() {
        return lastCaller;
    }

    @Override
    public synchronized Machine create(MachineSpec spec, Caller caller) {
        lastCaller = caller;
        if (!NAME.matcher(spec.name()).matches()) {
            throw new InvalidRequestException("name", NAME.pattern(), "Machine name '" + spec.name()
                    + "' must match " + NAME.pattern());
        }
        if (spec.memoryMiB() < 64 || spec.memoryMiB() > 65536) {
            throw new InvalidRequestException("memoryMiB", "64..65536 (io.vmpool.core maxMemoryMiB)",
                    "memoryMiB must be between 64 and 65536, was " + spec.memoryMiB());
        }
        String owner = spec.owner() == null ? caller.name() : spec.owner();
        if (!owner.equals(caller.name()) && !caller.hasRole(ADMIN_ROLE)) {
            throw new ForbiddenException("Only an administrator may create a machine for another owner ('"
                    + owner + "')");
        }
        if (machines.containsKey(spec.name())) {
            throw new DuplicateNameException("A machine named '" + spec.name() + "' already exists");
        }
        long free = hostMemoryMiB - allocated();
        if (spec.memoryMiB() > free) {
            throw new NoCapacityException("No host can take " + spec.memoryMiB() + " MiB",
                    List.of(new HostRefusal("host1", "not enough free memory", free)));
        }
        Machine machine = new Machine(spec.name(), owner, MachineState.RUNNING, "host1", spec.memoryMiB(),
                spec.vcpus(), spec.diskGiB(), "file:" + spec.name(), Instant.now(), null);
        machines.put(spec.name(), machine);
        record(machine, "machine.created", caller, "created on host1");
        return machine;
    }

    @Override
    public synchronized Machine get(String name, Caller caller) {
        lastCaller = caller;
        return visible(name, caller);
    }

    @Override
    public synchronized List<Machine> list(Caller caller) {
        lastCaller = caller;
        return machines.values().stream()
                .filter(m -> caller.hasRole(ADMIN_ROLE) || m.owner().equals(caller.name()))
                .toList();
    }

    @Override
    public synchronized Machine start(String name, Caller caller) {
        return change(name, caller, MachineState.RUNNING, "machine.started");
    }

    @Override
    public synchronized Machine stop(String name, Caller caller) {
        return change(name, caller, MachineState.STOPPED, "machine.stopped");
    }

    @Override
    public synchronized Machine move(String name, String targetHost, Caller caller) {
        throw new UnsupportedOperationException("moves are tested on the real backends (vmpool-core, itests)");
    }

    @Override
    public synchronized Machine destroy(String name, Caller caller) {
        return change(name, caller, MachineState.STOPPED, "machine.destroyed");
    }

    @Override
    public synchronized void delete(String name, Caller caller) {
        Machine machine = visible(name, caller);
        machines.remove(name);
        record(machine, "machine.deleted", caller, "deleted");
    }

    @Override
    public List<Event> hostEvents(String host, Caller caller, int limit) {
        return List.of(); // the REST unit tests have no host events; the real ones are tested on the core
    }

    @Override
    public synchronized List<Event> events(String name, Caller caller, int limit) {
        visible(name, caller);
        return events.stream()
                .filter(e -> e.subject().equals("machine:" + name))
                .sorted(Comparator.comparing(Event::time).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<HostStatus> hosts(Caller caller) {
        lastCaller = caller;
        long allocated = allocated();
        return List.of(new HostStatus("host1", "test:///default", true, null, 4, hostMemoryMiB, 0, allocated,
                hostMemoryMiB - allocated, machines.size()));
    }

    @Override
    public boolean isAdministrator(Caller caller) {
        return caller.hasRole(ADMIN_ROLE);
    }

    private Machine change(String name, Caller caller, MachineState state, String type) {
        Machine m = visible(name, caller);
        Machine changed = new Machine(m.name(), m.owner(), state, m.host(), m.memoryMiB(), m.vcpus(), m.diskGiB(),
                m.volumeId(), m.createdAt(), null);
        machines.put(name, changed);
        record(changed, type, caller, type);
        return changed;
    }

    private Machine visible(String name, Caller caller) {
        lastCaller = caller;
        Machine machine = machines.get(name);
        if (machine == null || !(caller.hasRole(ADMIN_ROLE) || machine.owner().equals(caller.name()))) {
            throw new NotFoundException("No machine named '" + name + "'");
        }
        return machine;
    }

    private long allocated() {
        return machines.values().stream().mapToLong(Machine::memoryMiB).sum();
    }

    private void record(Machine machine, String type, Caller caller, String message) {
        events.add(Event.now("machine:" + machine.name(), type, caller.name(), message));
    }
}
