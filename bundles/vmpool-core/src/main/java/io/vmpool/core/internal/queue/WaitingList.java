package io.vmpool.core.internal.queue;

import io.vmpool.api.BackendException;
import io.vmpool.api.Event;
import io.vmpool.api.ForbiddenException;
import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.NotFoundException;
import io.vmpool.api.VmpoolException;
import io.vmpool.api.health.AlertSink;
import io.vmpool.api.inventory.InventoryStore;
import io.vmpool.api.inventory.PendingRequest;
import io.vmpool.api.lock.LockTimeoutException;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.Machine;
import io.vmpool.api.machine.MachineService;
import io.vmpool.api.machine.MachineSpec;
import io.vmpool.api.machine.NoCapacityException;
import io.vmpool.api.placement.PlacementDecision;
import io.vmpool.api.placement.PlacementRequest;
import io.vmpool.api.placement.PlacementService;
import io.vmpool.api.queue.QueuedRequest;
import io.vmpool.api.queue.Submission;
import io.vmpool.api.queue.WaitingListService;
import io.vmpool.core.internal.CoreConfig;
import io.vmpool.core.internal.PoolListener;
import io.vmpool.core.internal.QueueingCreates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The waiting list (docs/waiting-list.md): keeps creates the pool has no room for, in the inventory, and boots
 * them in order through the machine service when capacity may have appeared, and at least every
 * {@code queueRetrySeconds}; expires them after {@code queueExpiryMinutes}.
 */
@Component(service = {WaitingListService.class, PoolListener.class}, configurationPid = CoreConfig.PID, immediate = true)
public class WaitingList implements WaitingListService, PoolListener {
    private static final Logger LOG = LoggerFactory.getLogger(WaitingList.class);
    /** The account the worker acts as when it boots a request (with the admin role, for the recorded owner). */
    static final String WORKER = "vmpool-queue";

    private final MachineService machines;
    private final QueueingCreates creates;
    private final PlacementService placement;
    private final InventoryStore inventory;
    private final Duration expiry;
    private final boolean skipAhead;
    private final Caller worker;
    private final Clock clock;
    private final AlertSinks sinks = new AlertSinks();
    private final ScheduledExecutorService executor;
    private final AtomicBoolean passQueued = new AtomicBoolean();

    @Activate
    public WaitingList(@Reference MachineService machines, @Reference QueueingCreates creates,
            @Reference PlacementService placement, @Reference InventoryStore inventory, CoreConfig config) {
        this(machines, creates, placement, inventory, config, Clock.systemUTC(), true);
    }

    /** @param schedule whether to retry every {@code queueRetrySeconds} on its own (tests call {@link #pass()}) */
    WaitingList(MachineService machines, QueueingCreates creates, PlacementService placement, InventoryStore inventory,
            CoreConfig config, Clock clock, boolean schedule) {
        if (config.queueExpiryMinutes() < 1 || config.queueRetrySeconds() < 1) {
            throw new IllegalArgumentException("queueExpiryMinutes and queueRetrySeconds must be >= 1 (were "
                    + config.queueExpiryMinutes() + ", " + config.queueRetrySeconds() + "; fix them in " + CoreConfig.PID + ")");
        }
        this.machines = machines;
        this.creates = creates;
        this.placement = placement;
        this.inventory = inventory;
        this.expiry = Duration.ofMinutes(config.queueExpiryMinutes());
        this.skipAhead = config.queueSkipAhead();
        this.worker = Caller.of(WORKER, config.adminRole());
        this.clock = clock;
        this.executor = Background.thread("vmpool-waiting-list");
        if (schedule) {
            executor.scheduleWithFixedDelay(this::safePass, 0, config.queueRetrySeconds(), TimeUnit.SECONDS);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSink(AlertSink sink) {
        sinks.add(sink);
    }

    void removeSink(AlertSink sink) {
        sinks.remove(sink);
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
    }

    @Override
    public void poolChanged(String why) {
        if (passQueued.compareAndSet(false, true)) {
            LOG.debug("waiting list: {}, retrying", why);
            executor.execute(() -> {
                passQueued.set(false);
                safePass();
            });
        }
    }

    @Override
    public Submission submit(MachineSpec spec, Caller caller) {
        String owner = spec.owner() == null ? caller.name() : spec.owner();
        AtomicReference<PendingRequest> kept = new AtomicReference<>();
        try {
            // kept under the create's placement lock: the request counts against the owner's quota at once
            return Submission.created(creates.create(spec, caller, refused -> kept.set(enqueue(spec, owner, refused))));
        } catch (NoCapacityException refused) {
            PendingRequest r = kept.get() != null ? kept.get() : enqueue(spec, owner, refused);
            record(r, "queue.queued", caller.name(), "machine " + r.name() + " (" + r.memoryMiB()
                    + " MiB) waits for capacity until " + r.expiresAt() + ", request " + r.id() + ": " + r.reason());
            return Submission.queued(find(r.id()).orElseGet(() -> view(r, 0)));
        }
    }

    private PendingRequest enqueue(MachineSpec spec, String owner, NoCapacityException refused) {
        Instant now = clock.instant();
        PendingRequest r = new PendingRequest(UUID.randomUUID().toString(), owner, spec.name(), spec.memoryMiB(),
                spec.vcpus(), spec.diskGiB(), spec.pool(), now, now.plus(expiry),
                refused.decision().map(PlacementDecision::summary).orElse(refused.getMessage()));
        inventory.enqueue(r);
        return r;
    }

    @Override
    public List<QueuedRequest> list(Caller caller) {
        boolean admin = machines.isAdministrator(caller);
        return views().stream().filter(q -> admin || q.owner().equals(caller.name())).toList();
    }

    @Override
    public QueuedRequest cancel(String id, Caller caller) {
        QueuedRequest q = list(caller).stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("no waiting request " + id));
        if (inventory.dequeue(id)) {
            inventory.record(Event.now(subject(q.owner()), "queue.cancelled", caller.name(), "request " + id
                    + " for machine " + q.spec().name() + " cancelled by " + caller.name()));
        }
        return q;
    }

    @Override
    public List<Event> events(String owner, Caller caller, int limit) {
        String whose = owner == null ? caller.name() : owner;
        if (!whose.equals(caller.name()) && !machines.isAdministrator(caller)) {
            throw new ForbiddenException("only an administrator may read the waiting list events of another owner");
        }
        if (limit <= 0) {
            throw new InvalidRequestException("limit", "> 0", "limit must be positive, was " + limit);
        }
        return inventory.events(subject(whose), limit);
    }

    private void safePass() {
        try {
            pass();
        } catch (RuntimeException e) {
            LOG.warn("waiting list pass failed (retried in the next one): {}", e.toString());
        }
    }

    /** One pass: expire what is due, then boot in order what fits; @return how many booted. For tests. */
    synchronized int pass() {
        Instant now = clock.instant();
        List<PendingRequest> waiting = new ArrayList<>();
        for (PendingRequest r : inventory.pending()) {
            if (!r.expiresAt().isAfter(now)) {
                expire(r, now);
            } else {
                waiting.add(r);
            }
        }
        int booted = 0;
        for (PendingRequest r : waiting) {
            Outcome o = boot(r);
            if (o == Outcome.BOOTED) {
                booted++;
            } else if (o == Outcome.WAITING && !skipAhead) {
                break;
            }
        }
        return booted;
    }

    private enum Outcome { BOOTED, WAITING, DROPPED }

    private Outcome boot(PendingRequest r) {
        PlacementDecision dryRun;
        try {
            dryRun = placement.place(new PlacementRequest(r.memoryMiB(), r.vcpus(), r.diskGiB()), worker);
        } catch (VmpoolException e) {
            return drop(r, e);
        }
        if (dryRun.host() == null) {
            return Outcome.WAITING;
        }
        try {
            Machine m = machines.create(new MachineSpec(r.name(), r.memoryMiB(), r.vcpus(), r.diskGiB(), r.owner(),
                    r.pool()), worker);
            inventory.dequeue(r.id());
            record(r, "queue.booted", WORKER, "machine " + m.name() + " booted on " + m.host() + " after waiting since "
                    + r.queuedAt() + " (request " + r.id() + ")");
            LOG.info("waiting list: booted {} of {} on {}", m.name(), r.owner(), m.host());
            return Outcome.BOOTED;
        } catch (NoCapacityException | LockTimeoutException | BackendException e) {
            // someone took the room first, the name is busy or a backend failed: stays in place, retried
            LOG.info("waiting list: {} of {} stays: {}", r.name(), r.owner(), e.getMessage());
            return Outcome.WAITING;
        } catch (VmpoolException e) {
            return drop(r, e);
        }
    }

    /** A request that can no longer succeed (name taken, limits changed): off the list, with the reason. */
    private Outcome drop(PendingRequest r, VmpoolException e) {
        if (inventory.dequeue(r.id())) {
            record(r, "queue.dropped", WORKER, "request " + r.id() + " for machine " + r.name() + " dropped: "
                    + e.getMessage());
        }
        return Outcome.DROPPED;
    }

    private void expire(PendingRequest r, Instant now) {
        if (!inventory.dequeue(r.id())) {
            return;
        }
        String summary = "request " + r.id() + " of " + r.owner() + " for machine " + r.name() + " (" + r.memoryMiB()
                + " MiB, " + r.vcpus() + " vCPU, " + r.diskGiB() + " GiB) expired after waiting since " + r.queuedAt()
                + " (queueExpiryMinutes=" + expiry.toMinutes() + " in " + CoreConfig.PID + ")";
        record(r, "queue.expired", WORKER, summary);
        sinks.deliver(PoolAlerts.of("queue.expired", 1, r.queuedAt(), now, summary,
                r.reason() == null ? List.of() : List.of("last refusal: " + r.reason())));
    }

    private void record(PendingRequest r, String type, String actor, String message) {
        inventory.record(Event.now(subject(r.owner()), type, actor, message));
    }

    static String subject(String owner) {
        return "queue:" + owner;
    }

    private java.util.Optional<QueuedRequest> find(String id) {
        return views().stream().filter(q -> q.id().equals(id)).findFirst();
    }

    private List<QueuedRequest> views() {
        List<PendingRequest> all = inventory.pending();
        List<QueuedRequest> out = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            out.add(view(all.get(i), i + 1));
        }
        return out;
    }

    private static QueuedRequest view(PendingRequest r, int position) {
        return new QueuedRequest(r.id(), position, r.owner(), new MachineSpec(r.name(), r.memoryMiB(), r.vcpus(),
                r.diskGiB(), r.owner(), r.pool()), r.queuedAt(), r.expiresAt(), r.reason());
    }
}
