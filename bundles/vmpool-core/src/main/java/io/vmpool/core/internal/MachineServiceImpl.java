package io.vmpool.core.internal;

import io.vmpool.api.BackendException;
import io.vmpool.api.ConflictException;
import io.vmpool.api.Event;
import io.vmpool.api.ForbiddenException;
import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.NotFoundException;
import io.vmpool.api.health.HealthObserver;
import io.vmpool.api.health.HostHealthService;
import io.vmpool.api.hypervisor.DomainState;
import io.vmpool.api.hypervisor.Hypervisor;
import io.vmpool.api.inventory.InventoryStore;
import io.vmpool.api.inventory.MachineRecord;
import io.vmpool.api.inventory.UnmetDemand;
import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockService;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.Evacuation;
import io.vmpool.api.machine.EvacuationService;
import io.vmpool.api.machine.HostRefusal;
import io.vmpool.api.machine.HostStatus;
import io.vmpool.api.machine.Machine;
import io.vmpool.api.machine.MachineService;
import io.vmpool.api.machine.MachineSpec;
import io.vmpool.api.machine.MachineState;
import io.vmpool.api.machine.NoCapacityException;
import io.vmpool.api.placement.CapacityReport;
import io.vmpool.api.placement.FilterFailure;
import io.vmpool.api.placement.PlacementDecision;
import io.vmpool.api.placement.PlacementRequest;
import io.vmpool.api.placement.PlacementService;
import io.vmpool.api.storage.StoragePool;
import io.vmpool.api.storage.Volume;
import io.vmpool.core.internal.placement.CapacityPlanner;
import io.vmpool.core.internal.placement.HostLoad;
import io.vmpool.core.internal.placement.PlacementIndex;
import io.vmpool.core.internal.placement.Scheduler;
import io.vmpool.core.internal.placement.SchedulerSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine lifecycle every front door calls: validates, checks ownership, takes the machine's
 * lock, then places, provisions, starts, stops or removes, recording an event for each change. Also answers
 * placement questions (dry runs, capacity) with the scheduler creates use.
 */
@Component(service = {MachineService.class, PlacementService.class, EvacuationService.class, QueueingCreates.class},
        configurationPid = CoreConfig.PID)
@Designate(ocd = CoreConfig.class)
public class MachineServiceImpl implements MachineService, PlacementService, EvacuationService, QueueingCreates {
    private static final Logger LOG = LoggerFactory.getLogger(MachineServiceImpl.class);

    private final InventoryStore inventory;
    private final CoreConfig config;
    private final MachineValidator validator;
    private final HostRegistry hosts = new HostRegistry();
    private final Map<String, StoragePool> pools = new ConcurrentHashMap<>();
    private final OperationLocks locks;
    private final Provisioner provisioner;
    private final Reconciler reconciler;
    private final ExecutorService background;
    private final HostHealthView health;
    private final Heartbeat heartbeat; // null when heartbeatSeconds is 0
    private final Scheduler scheduler;
    private volatile HostHealthService healthService;
    private final MoveReservations moves = new MoveReservations();
    private final MaintenanceHosts maintenance = new MaintenanceHosts();
    private final Mover mover;
    private final Evacuations evacuations;
    private volatile HealthObserver healthObserver;
    private final Quotas quotas;
    private final List<PoolListener> listeners = new CopyOnWriteArrayList<>();

    @Activate
    public MachineServiceImpl(@Reference InventoryStore inventory, @Reference LockService lockService, CoreConfig config) {
        this.inventory = inventory;
        this.config = config;
        this.validator = new MachineValidator(config);
        this.quotas = new Quotas(config);
        this.locks = new OperationLocks(lockService, Duration.ofMillis(config.lockWaitMillis()),
                Duration.ofSeconds(config.lockTtlSeconds()));
        this.provisioner = new Provisioner(inventory, config.consoleLogDirectory());
        this.reconciler = new Reconciler(inventory, locks, volumeId -> ownerOfVolume(volumeId).orElse(null));
        this.background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vmpool-reconciler");
            t.setDaemon(true);
            return t;
        });
        this.health = new HostHealthView(() -> Optional.ofNullable(healthService), config.placeOnDegraded(), maintenance);
        this.mover = new Mover(inventory, config.consoleLogDirectory(), Duration.ofSeconds(config.stopTimeoutSeconds()));
        this.evacuations = new Evacuations(inventory, (name, caller) -> move(name, null, caller), moves,
                config.evacuationParallelism());
        this.scheduler = SchedulerSettings.scheduler(config.placementWeigher(), config.placementFilters(), config.nPlusK(),
                CoreConfig.PID);
        if (config.capacityMemoryMiB() <= 0 || config.capacityDiskGiB() <= 0) {
            throw new IllegalArgumentException("capacityMemoryMiB and capacityDiskGiB must be > 0 (were "
                    + config.capacityMemoryMiB() + ", " + config.capacityDiskGiB() + "; fix them in " + CoreConfig.PID + ")");
        }
        if (config.heartbeatSeconds() < 0 || config.heartbeatTimeoutMillis() <= 0) {
            throw new IllegalArgumentException("heartbeatSeconds must be >= 0 and heartbeatTimeoutMillis > 0 (were "
                    + config.heartbeatSeconds() + ", " + config.heartbeatTimeoutMillis() + "; fix them in " + CoreConfig.PID + ")");
        }
        this.heartbeat = config.heartbeatSeconds() == 0 ? null : new Heartbeat(() -> List.copyOf(hosts.all()),
                () -> Optional.ofNullable(healthObserver), Duration.ofSeconds(config.heartbeatSeconds()),
                Duration.ofMillis(config.heartbeatTimeoutMillis()), java.time.Clock.systemUTC());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindHealth(HostHealthService service) {
        this.healthService = service;
    }

    void unbindHealth(HostHealthService service) {
        if (this.healthService == service) {
            this.healthService = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindObserver(HealthObserver observer) {
        this.healthObserver = observer;
    }

    void unbindObserver(HealthObserver observer) {
        if (this.healthObserver == observer) {
            this.healthObserver = null;
        }
    }

    /** One heartbeat round now, waiting for it; for tests. */
    void heartbeatNow() {
        if (heartbeat != null) {
            heartbeat.beatAll();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addHost(PoolHost host) {
        PoolHost replaced = hosts.add(host);
        if (replaced != null && replaced != host) {
            LOG.warn("two host configurations are named {}; using the one for {}", host.name(), host.uri());
        }
        background.execute(() -> reconciler.reconcile(host));
        poolChanged("host " + host.name() + " added");
    }

    void removeHost(PoolHost host) {
        hosts.remove(host);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(PoolListener listener) {
        listeners.add(listener);
    }

    void removeListener(PoolListener listener) {
        listeners.remove(listener);
    }

    private void poolChanged(String why) {
        for (PoolListener l : listeners) {
            try {
                l.poolChanged(why);
            } catch (RuntimeException e) {
                LOG.warn("a pool listener failed on '{}': {}", why, e.toString());
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPool(StoragePool pool) {
        pools.put(pool.id(), pool);
    }

    void removePool(StoragePool pool) {
        pools.remove(pool.id(), pool);
    }

    @Deactivate
    void deactivate() {
        if (heartbeat != null) {
            heartbeat.close();
        }
        background.shutdownNow();
        evacuations.close();
    }

    /** Waits until the reconciler passes queued so far have run; for tests. */
    void awaitBackground() throws Exception {
        background.submit(() -> { }).get();
    }

    /** Runs the reconciler over every host now; for tests and the shell. */
    int reconcileAll() {
        int n = 0;
        for (PoolHost h : hosts.all()) {
            n += reconciler.reconcile(h);
        }
        return n;
    }

    @Override
    public Machine create(MachineSpec spec, Caller caller) {
        return create(spec, caller, refused -> { });
    }

    /**
     * The create; the owner's quotas are checked under the placement lock, where every create decides, so parallel
     * creates of one owner cannot pass the check together; a refusal for lack of capacity goes to {@code keep}
     * under that lock too.
     */
    @Override
    public Machine create(MachineSpec spec, Caller caller, Consumer<NoCapacityException> keep) {
        String owner = ownerOf(spec, caller);
        validator.validate(spec, owner);
        String op = locks.newOperation(caller.name());
        try (Lease machineLock = locks.machine(spec.name(), op)) {
            if (inventory.find(spec.name()).isPresent()) {
                throw new ConflictException("a machine named " + spec.name() + " already exists");
            }
            StoragePool pool = spec.pool() == null ? pool(config.defaultStoragePool()) : requestedPool(spec.pool());
            MachineRecord placed;
            PoolHost host;
            try (Lease placementLock = locks.placement(op)) {
                quotas.check(owner, spec, inventory::machines, inventory::pending);
                PlacementIndex index = scheduler.index(loads());
                HostLoad chosen = scheduler.choose(index, spec.memoryMiB());
                if (chosen == null) {
                    NoCapacityException refused = PlacementRefusal.of(spec.name(), scheduler.explain(index,
                            new PlacementRequest(spec.memoryMiB(), spec.vcpus(), spec.diskGiB())));
                    recordUnmetDemand(owner, spec, refused);
                    keep.accept(refused);
                    throw refused;
                }
                host = hosts.get(chosen.name());
                Instant now = Instant.now();
                placed = new MachineRecord(spec.name(), owner, MachineState.PROVISIONING, chosen.name(),
                        spec.memoryMiB(), spec.vcpus(), spec.diskGiB(), null, UUID.randomUUID(), now, now,
                        "being created");
                inventory.insert(placed);
            }
            Machine created = view(provisioner.provision(placed, host, pool, new Fence(inventory, spec.name(),
                    machineLock), caller.name()));
            poolChanged("machine " + spec.name() + " created");
            return created;
        }
    }

    /** Unmet demand for the digest (docs/waiting-list.md); a failure to record it does not hide the refusal. */
    private void recordUnmetDemand(String owner, MachineSpec spec, NoCapacityException refused) {
        try {
            inventory.recordDemand(new UnmetDemand(Instant.now(), owner, spec.name(), spec.memoryMiB(),
                    refused.decision().map(PlacementDecision::missingMiB).orElse(0L)));
        } catch (RuntimeException e) {
            LOG.warn("could not record the unmet demand of machine {}: {}", spec.name(), e.toString());
        }
    }

    @Override
    public PlacementDecision place(PlacementRequest request, Caller caller) {
        validator.validate(request);
        return scheduler.explain(loads(), request);
    }

    @Override
    public CapacityReport capacity(PlacementRequest size, Caller caller) {
        if (!isAdmin(caller)) {
            throw new ForbiddenException("pool capacity is for administrators (role " + config.adminRole() + ")");
        }
        PlacementRequest s = size == null ? new PlacementRequest(0, 0, 0) : size;
        PlacementRequest sized = new PlacementRequest(s.memoryMiB() == 0 ? config.capacityMemoryMiB() : s.memoryMiB(),
                s.vcpus() == 0 ? 1 : s.vcpus(), s.diskGiB() == 0 ? config.capacityDiskGiB() : s.diskGiB());
        validator.validate(sized);
        int k = Math.max(1, config.nPlusK());
        return CapacityPlanner.plan(scheduler, loads(), sized, k, config.nPlusK() == 0
                ? "N+1 assumed for this report, nPlusK=0 in " + CoreConfig.PID : "nPlusK=" + k + " in " + CoreConfig.PID);
    }

    /** Every host as the scheduler reads it: a machine counts against its host in every state (and a moving one on its target too). */
    private List<HostLoad> loads() {
        List<MachineRecord> machines = moves.counted(inventory::machines);
        return HostLoads.of(hosts.snapshots(machines, health), machines);
    }

    @Override
    public Machine get(String name, Caller caller) {
        return shown(view(visible(name, caller)));
    }

    @Override
    public List<Machine> list(Caller caller) {
        return inventory.machines().stream()
                .filter(m -> isAdmin(caller) || m.owner().equals(caller.name()))
                .map(MachineServiceImpl::view)
                .map(this::shown)
                .toList();
    }

    /** A machine on a host the health policy holds UNREACHABLE is shown UNKNOWN: nobody knows whether it runs. */
    private Machine shown(Machine m) {
        if (m.host() == null || !health.unreachable(m.host())) {
            return m;
        }
        return new Machine(m.name(), m.owner(), MachineState.UNKNOWN, m.host(), m.memoryMiB(), m.vcpus(), m.diskGiB(),
                m.volumeId(), m.createdAt(), "host " + m.host() + " is unreachable (last recorded: " + m.state() + ")");
    }

    @Override
    public Machine start(String name, Caller caller) {
        visible(name, caller);
        try (Lease lease = locks.machine(name, locks.newOperation(caller.name()))) {
            MachineRecord m = visible(name, caller);
            Fence fence = new Fence(inventory, name, lease);
            PoolHost host = hosts.get(m.host());
            Hypervisor hv = host.hypervisor();
            Optional<DomainState> state = hv.state(name);
            if (state.isPresent() && state.get().isActive()) {
                return view(recordState(m, MachineState.RUNNING, null, caller, "machine.started", "already running"));
            }
            if (state.isEmpty()) {
                fence.check("define the domain on " + host.name());
                hv.define(Domains.spec(m, volumeOf(m), config.consoleLogDirectory()));
                record(m.name(), "machine.redefined", caller, "domain defined again on " + host.name());
            }
            if (m.volumeId() != null) {
                fence.check("make the disk usable on " + host.name());
                poolOfVolume(m.volumeId()).activate(m.volumeId(), host.name());
            }
            fence.check("start the domain on " + host.name());
            hv.start(name);
            return view(recordState(m, MachineState.RUNNING, null, caller, "machine.started", "started on " + host.name()));
        }
    }

    @Override
    public Machine stop(String name, Caller caller) {
        visible(name, caller);
        try (Lease lease = locks.machine(name, locks.newOperation(caller.name()))) {
            MachineRecord m = visible(name, caller);
            Hypervisor hv = hosts.get(m.host()).hypervisor();
            Optional<DomainState> state = hv.state(name);
            if (state.isPresent() && state.get().isActive()) {
                new Fence(inventory, name, lease).check("shut down the domain on " + m.host());
                hv.shutdown(name);
                awaitOff(hv, name);
            }
            release(m, new Fence(inventory, name, lease));
            return view(recordState(m, MachineState.STOPPED, "stopped by " + caller.name(), caller,
                    "machine.stopped", "shut down"));
        }
    }

    @Override
    public Machine destroy(String name, Caller caller) {
        visible(name, caller);
        try (Lease lease = locks.machine(name, locks.newOperation(caller.name()))) {
            MachineRecord m = visible(name, caller);
            Hypervisor hv = hosts.get(m.host()).hypervisor();
            if (hv.state(name).map(DomainState::isActive).orElse(false)) {
                new Fence(inventory, name, lease).check("force the domain off on " + m.host());
                hv.destroy(name);
            }
            release(m, new Fence(inventory, name, lease));
            return view(recordState(m, MachineState.STOPPED, "forced off by " + caller.name(), caller,
                    "machine.destroyed", "forced off"));
        }
    }

    @Override
    public void delete(String name, Caller caller) {
        visible(name, caller);
        try (Lease lease = locks.machine(name, locks.newOperation(caller.name()))) {
            MachineRecord m = visible(name, caller);
            Fence fence = new Fence(inventory, name, lease);
            fence.check("remove the domain and disk");
            if (m.host() != null) {
                Hypervisor hv = hosts.get(m.host()).hypervisor();
                Optional<DomainState> state = hv.state(name);
                if (state.isPresent()) {
                    if (state.get().isActive()) {
                        hv.destroy(name);
                    }
                    hv.undefine(name);
                }
            }
            if (m.volumeId() != null) {
                release(m, fence);
                fence.check("delete the disk " + m.volumeId());
                poolOfVolume(m.volumeId()).delete(m.volumeId());
            }
            inventory.delete(name);
            record(name, "machine.deleted", caller, "domain, disk " + m.volumeId() + " and record removed");
        }
        poolChanged("machine " + name + " deleted");
    }

    @Override
    public Machine move(String name, String targetHost, Caller caller) {
        if (!isAdmin(caller)) {
            throw new ForbiddenException("moving a machine is for administrators (role " + config.adminRole() + ")");
        }
        visible(name, caller);
        if (targetHost != null) {
            hosts.get(targetHost); // NotFoundException naming the hosts
        }
        String op = locks.newOperation(caller.name());
        try (Lease lease = locks.machine(name, op)) {
            MachineRecord m = visible(name, caller);
            if (m.state() != MachineState.RUNNING && m.state() != MachineState.STOPPED || m.host() == null) {
                throw new ConflictException("machine " + name + " is " + m.state() + (m.stateReason() == null ? ""
                        : " (" + m.stateReason() + ")") + ": only RUNNING and STOPPED machines are moved");
            }
            if (m.host().equals(targetHost)) {
                throw new InvalidRequestException("targetHost", "another host than the machine's",
                        "machine " + name + " is on " + targetHost + " already; name another host, or none to let the scheduler choose");
            }
            PoolHost source = hosts.get(m.host());
            Volume volume = volumeOf(m);
            PoolHost target;
            try (Lease placementLock = locks.placement(op)) {
                target = hosts.get(moveTarget(m, targetHost));
                moves.reserve(m, target.name());
            }
            Machine moved;
            try {
                moved = view(mover.move(new Mover.Move(m, source, target, poolOfVolume(volume.id()), volume,
                        new Fence(inventory, name, lease), caller.name())));
            } finally {
                moves.release(name);
            }
            poolChanged("machine " + name + " moved from " + source.name() + " to " + target.name());
            return moved;
        }
    }

    /** Under the placement lock: the scheduler's choice among the hosts other than the machine's, or the named one if it passes every filter. */
    private String moveTarget(MachineRecord m, String targetHost) {
        List<HostLoad> others = loads().stream().filter(h -> !h.name().equals(m.host())).toList();
        PlacementRequest request = new PlacementRequest(m.memoryMiB(), m.vcpus(), m.diskGiB());
        if (targetHost == null) {
            PlacementIndex index = scheduler.index(others);
            HostLoad chosen = scheduler.choose(index, m.memoryMiB());
            if (chosen == null) {
                throw PlacementRefusal.of(m.name(), scheduler.explain(index, request));
            }
            return chosen.name();
        }
        PlacementDecision decision = scheduler.explain(others, request);
        var there = decision.hosts().stream().filter(h -> h.host().equals(targetHost)).findFirst().orElseThrow();
        if (!there.eligible()) {
            String why = there.failed().stream().map(FilterFailure::reason).collect(Collectors.joining("; "));
            throw new NoCapacityException("host " + targetHost + " cannot take machine " + m.name()
                    + " with " + m.memoryMiB() + " MiB of memory: " + why,
                    List.of(new HostRefusal(targetHost, why, there.freeMiB())), decision);
        }
        return targetHost;
    }

    @Override
    public Evacuation evacuate(String host, Caller caller) {
        requireAdmin(caller, "host maintenance");
        hosts.get(host);
        boolean fresh = maintenance.reason(host).isEmpty();
        maintenance.put(host, caller.name());
        HostHealthService h = healthService;
        if (h != null) {
            try {
                h.maintenance(host, true, caller.name());
            } catch (RuntimeException e) {
                if (fresh) {
                    maintenance.remove(host);
                }
                throw e;
            }
        } else if (fresh) {
            inventory.record(Event.now("host:" + host, "host.maintenance", caller.name(),
                    "in maintenance (the core's flag; no health policy is running): no new machines until host:activate"));
        }
        return evacuations.start(host, caller);
    }

    @Override
    public Evacuation task(String id, Caller caller) {
        requireAdmin(caller, "evacuation tasks");
        return evacuations.task(id);
    }

    @Override
    public List<Evacuation> tasks(String host, Caller caller) {
        requireAdmin(caller, "evacuation tasks");
        hosts.get(host);
        return evacuations.tasks(host);
    }

    @Override
    public HostStatus activate(String host, Caller caller) {
        requireAdmin(caller, "host maintenance");
        hosts.get(host);
        evacuations.cancel(host);
        HostHealthService h = healthService;
        if (h != null) {
            h.maintenance(host, false, caller.name());
        } else if (maintenance.reason(host).isPresent()) {
            inventory.record(Event.now("host:" + host, "host.maintenance", caller.name(), "back in service (host:activate)"));
        }
        maintenance.remove(host);
        poolChanged("host " + host + " back in service");
        return hosts(caller).stream().filter(s -> s.name().equals(host)).findFirst().orElseThrow();
    }

    private void requireAdmin(Caller caller, String what) {
        if (!isAdmin(caller)) {
            throw new ForbiddenException(what + " is for administrators (role " + config.adminRole() + ")");
        }
    }

    @Override
    public List<Event> hostEvents(String host, Caller caller, int limit) {
        if (!isAdmin(caller)) {
            throw new ForbiddenException("host events are for administrators (role " + config.adminRole() + ")");
        }
        if (limit <= 0) {
            throw new InvalidRequestException("limit", "> 0", "limit must be positive, was " + limit);
        }
        hosts.get(host); // NotFoundException naming the hosts
        return inventory.events("host:" + host, limit);
    }

    @Override
    public List<Event> events(String name, Caller caller, int limit) {
        visible(name, caller);
        if (limit <= 0) {
            throw new InvalidRequestException("limit", "> 0", "limit must be positive, was " + limit);
        }
        return inventory.events(Provisioner.subject(name), limit);
    }

    @Override
    public List<HostStatus> hosts(Caller caller) {
        List<HostSnapshot> snaps = hosts.snapshots(inventory.machines(), health);
        return snaps.stream().sorted((a, b) -> a.name().compareTo(b.name())).map(s -> {
            PoolHost h = hosts.get(s.name());
            var node = h.node();
            return new HostStatus(s.name(), h.uri(), h.problem() == null, s.problem(), node == null ? 0 : node.cpus(),
                    s.memoryMiB(), s.reservedMiB(), s.allocatedMiB(), s.freeMiB(), s.machines(), s.health());
        }).toList();
    }

    private String ownerOf(MachineSpec spec, Caller caller) {
        if (spec == null || spec.owner() == null || spec.owner().equals(caller.name())) {
            return caller.name();
        }
        if (!isAdmin(caller)) {
            throw new ForbiddenException("only an administrator (role " + config.adminRole()
                    + ") may create a machine for another owner");
        }
        return spec.owner();
    }

    @Override
    public boolean isAdministrator(Caller caller) {
        return isAdmin(caller);
    }

    private boolean isAdmin(Caller caller) {
        return caller.hasRole(config.adminRole());
    }

    /** The machine if the caller may see it; otherwise "not found", so names of others' machines do not leak. */
    private MachineRecord visible(String name, Caller caller) {
        MachineValidator.validateName(name);
        Optional<MachineRecord> m = inventory.find(name);
        if (m.isEmpty() || !(isAdmin(caller) || m.get().owner().equals(caller.name()))) {
            throw new NotFoundException("no machine named " + name);
        }
        return m.get();
    }

    private StoragePool pool(String id) {
        StoragePool p = pools.get(id);
        if (p == null) {
            throw new BackendException("storage " + id, "storage pool '" + id + "' is not available (pools: "
                    + pools.keySet().stream().sorted().toList() + "; the default is defaultStoragePool in "
                    + CoreConfig.PID + ")");
        }
        return p;
    }

    /** After the domain is off: the disk is no longer in use on its host (LVM: deactivated). */
    private void release(MachineRecord m, Fence fence) {
        if (m.volumeId() != null && m.host() != null) {
            fence.check("release the disk " + m.volumeId() + " on " + m.host());
            poolOfVolume(m.volumeId()).deactivate(m.volumeId(), m.host());
        }
    }

    /** The pool a create names; a name that is no pool is the caller's mistake, so a 400 naming the pools there are. */
    private StoragePool requestedPool(String id) {
        StoragePool p = pools.get(id);
        if (p == null) {
            throw new InvalidRequestException("pool", "one of " + pools.keySet().stream().sorted().toList(),
                    "there is no storage pool '" + id + "' (pools: " + pools.keySet().stream().sorted().toList() + ")");
        }
        return p;
    }

    private Optional<StoragePool> ownerOfVolume(String volumeId) {
        return pools.values().stream().filter(p -> p.owns(volumeId)).findFirst();
    }

    private StoragePool poolOfVolume(String volumeId) {
        return ownerOfVolume(volumeId).orElseThrow(() -> new BackendException("storage", "no storage pool holds volume "
                + volumeId + " (pools: " + pools.keySet().stream().sorted().toList() + ")"));
    }

    private Volume volumeOf(MachineRecord m) {
        if (m.volumeId() == null) {
            throw new ConflictException("machine " + m.name() + " has no disk recorded; delete and create it again");
        }
        return poolOfVolume(m.volumeId()).find(m.volumeId()).orElseThrow(() -> new ConflictException(
                "the disk " + m.volumeId() + " of machine " + m.name() + " is gone from its pool"));
    }

    private void awaitOff(Hypervisor hv, String name) {
        long deadline = System.nanoTime() + Duration.ofSeconds(config.stopTimeoutSeconds()).toNanos();
        while (hv.state(name).map(DomainState::isActive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new ConflictException("machine " + name + " did not shut down within " + config.stopTimeoutSeconds()
                        + " s (stopTimeoutSeconds in " + CoreConfig.PID + "); vm:destroy forces it off");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConflictException("interrupted while waiting for " + name + " to shut down");
            }
        }
    }

    private MachineRecord recordState(MachineRecord m, MachineState state, String reason, Caller caller, String type,
            String message) {
        MachineRecord next = m.withState(state, reason);
        inventory.update(next);
        record(m.name(), type, caller, message);
        return next;
    }

    private void record(String machine, String type, Caller caller, String message) {
        inventory.record(Event.now(Provisioner.subject(machine), type, caller.name(), message));
    }

    static Machine view(MachineRecord m) {
        return new Machine(m.name(), m.owner(), m.state(), m.host(), m.memoryMiB(), m.vcpus(), m.diskGiB(),
                m.volumeId(), m.createdAt(), m.stateReason());
    }
}
