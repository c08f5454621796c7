package io.vmpool.health.internal.policy;

import io.vmpool.api.Event;
import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.NotFoundException;
import io.vmpool.api.VmpoolException;
import io.vmpool.api.health.AlertSink;
import io.vmpool.api.health.HealthObservation;
import io.vmpool.api.health.HealthObserver;
import io.vmpool.api.health.HostHealth;
import io.vmpool.api.health.HostHealthService;
import io.vmpool.api.health.HostState;
import io.vmpool.api.health.Signal;
import io.vmpool.api.inventory.InventoryStore;
import io.vmpool.health.internal.HealthConfig;
import io.vmpool.health.internal.alert.AlertRouter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health policy: takes every collector's observations, keeps each host's state by the rules of
 * {@link HostStateMachine}, records every transition as a {@code host.state} event and raises alerts
 * through its {@link AlertRouter}. All state changes happen on one thread, in the order observations
 * and admin calls were queued; reads ({@link #health}, {@link #all}) see the last published snapshot.
 * Its first task restores every host with a recorded state, and reads wait for it (docs/health.md, "Restart").
 */
// REQUIRE: the feature installs etc/io.vmpool.health.cfg, which Karaf's file watcher delivers a moment after
// the bundle starts; with OPTIONAL the policy started on the defaults and was restarted by that delivery,
// losing its open alert windows, and the collectors bound to it re-read their consoles (HealthIT saw the
// same machine check mailed twice). docs/karaf.md
@Component(service = {HostHealthService.class, HealthObserver.class}, configurationPid = HealthConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = HealthConfig.class)
public final class HealthPolicy implements HostHealthService, HealthObserver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthPolicy.class);
    private static final String SUBJECT_PREFIX = "host:";
    /** Observations that raise an alert each time (grouped by the router), unless the host is in maintenance. */
    private static final Set<Signal> ALERTING = EnumSet.of(Signal.FATAL_MACHINE_CHECK, Signal.PANIC,
            Signal.UNCORRECTED_ERROR, Signal.CORRECTED_RATE_HIGH);

    private final InventoryStore inventory;
    private final HealthConfig config;
    private final Clock clock;
    private final Duration probation;
    private final ScheduledThreadPoolExecutor thread;
    private final AlertRouter alerts;
    /** Touched only on {@link #thread}. */
    private final Map<String, HostStateMachine> machines = new HashMap<>();
    private final Map<String, Deque<HealthObservation>> recent = new HashMap<>();
    /** What readers see. */
    private final Map<String, HostHealth> published = new ConcurrentHashMap<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    /** The first task: every host with a recorded state restored and published. */
    private final Future<?> restored;

    @Activate
    public HealthPolicy(@Reference InventoryStore inventory, HealthConfig config) {
        this(inventory, config, Clock.systemUTC());
    }

    HealthPolicy(InventoryStore inventory, HealthConfig config, Clock clock) {
        positive("missedHeartbeats", config.missedHeartbeats());
        positive("alertWindowMinutes", config.alertWindowMinutes());
        positive("recentObservations", config.recentObservations());
        positive("evidenceLines", config.evidenceLines());
        positive("maxQueuedObservations", config.maxQueuedObservations());
        positive("adminTimeoutSeconds", config.adminTimeoutSeconds());
        positive("restoreEvents", config.restoreEvents());
        if (config.probationMinutes() < 0 || config.alertSinkRetries() < 0) {
            throw new IllegalArgumentException("probationMinutes and alertSinkRetries in " + HealthConfig.PID
                    + " must be >= 0, were " + config.probationMinutes() + " and " + config.alertSinkRetries());
        }
        this.inventory = inventory;
        this.config = config;
        this.clock = clock;
        this.probation = Duration.ofMinutes(config.probationMinutes());
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "vmpool-health-policy");
            t.setDaemon(true);
            return t;
        });
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.alerts = new AlertRouter(Duration.ofMinutes(config.alertWindowMinutes()), config.alertSinkRetries(), clock,
                (delay, task) -> later(delay, task));
        this.restored = thread.submit(() -> guarded(this::restoreRecorded));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, name = "sinks", unbind = "removeSink")
    void addSink(AlertSink sink, Map<String, Object> properties) {
        Object name = properties.get(AlertSink.NAME_PROPERTY);
        alerts.addSink(sink, name == null ? sink.getClass().getName() : name.toString());
    }

    void removeSink(AlertSink sink) {
        alerts.removeSink(sink);
    }

    @Override
    public void observe(HealthObservation observation) {
        if (queued.incrementAndGet() > config.maxQueuedObservations()) {
            queued.decrementAndGet();
            if (dropped.getAndIncrement() == 0) {
                LOG.warn("the health policy's queue is full ({} observations, maxQueuedObservations in {}); dropping "
                        + "observations until it drains, first dropped: {} on {}", config.maxQueuedObservations(),
                        HealthConfig.PID, observation.signal(), observation.host());
            }
            return;
        }
        try {
            thread.execute(() -> {
                queued.decrementAndGet();
                guarded(() -> apply(observation));
            });
        } catch (RejectedExecutionException stopped) {
            queued.decrementAndGet();
            LOG.debug("health policy stopped; {} on {} not taken", observation.signal(), observation.host());
        }
    }

    @Override
    public Optional<HostHealth> health(String host) {
        awaitRestored();
        return Optional.ofNullable(published.get(host));
    }

    @Override
    public List<HostHealth> all() {
        awaitRestored();
        return published.values().stream().sorted(Comparator.comparing(HostHealth::host)).toList();
    }

    @Override
    public HostHealth maintenance(String host, boolean on, String actor) {
        requireHost(host);
        return onThread(() -> {
            HostStateMachine m = machine(host, clock.instant(), "first named by " + actor + " (maintenance)");
            m.maintenance(on, actor, clock.instant()).ifPresent(t -> changed(m, t, actor));
            return publish(host, m);
        });
    }

    @Override
    public HostHealth admitted(String host, String actor, String why) {
        requireHost(host);
        return onThread(() -> {
            Instant now = clock.instant();
            Optional<HostStateMachine> known = known(host);
            HostStateMachine m;
            if (known.isPresent()) {
                m = known.get();
                changed(m, m.admitted(why, now), actor);
            } else {
                m = HostStateMachine.fresh(host, probation, config.missedHeartbeats(), now, why);
                machines.put(host, m);
                changed(m, m.first(), actor);
            }
            return publish(host, m);
        });
    }

    @Override
    public HostHealth clear(String host, String actor, String why) {
        requireHost(host);
        return onThread(() -> {
            HostStateMachine m = known(host).orElseThrow(() -> new NotFoundException("the health policy has no state "
                    + "for host " + host + "; it knows " + machines.keySet()));
            changed(m, m.clear(actor, why, clock.instant()), actor);
            return publish(host, m);
        });
    }

    /** Promotes hosts whose probation is over and closes alert windows that have ended, by the clock. */
    Future<?> tick() {
        return thread.submit(() -> guarded(() -> {
            Instant now = clock.instant();
            for (HostStateMachine m : new ArrayList<>(machines.values())) {
                m.promoteIfDue(now).ifPresent(t -> changed(m, t, "vmpool-health"));
            }
            machines.forEach((host, m) -> publish(host, m));
            alerts.flushDue();
        }));
    }

    /** Waits until everything queued before this call has been applied (tests, and the shell's refresh). */
    void sync() {
        onThread(() -> null);
    }

    @Deactivate
    @Override
    public void close() {
        thread.shutdownNow();
        alerts.close();
    }

    /**
     * Every host with a recorded host.state, restored as it was (a PROBATION's timer set again) and
     * published, so that after a restart no FAILED host reads as unknown, which the core counts HEALTHY.
     */
    private void restoreRecorded() {
        List<String> subjects;
        try {
            subjects = inventory.subjectsWithEvents(RecordedState.HOST_STATE);
        } catch (RuntimeException e) {
            LOG.warn("cannot list the hosts with a recorded state in the inventory ({}); each is restored when it is "
                    + "next heard of", e.getMessage());
            return;
        }
        int count = 0;
        for (String subject : subjects) {
            if (subject.startsWith(SUBJECT_PREFIX) && subject.length() > SUBJECT_PREFIX.length()) {
                String host = subject.substring(SUBJECT_PREFIX.length());
                Optional<HostStateMachine> m = known(host);
                if (m.isPresent()) {
                    publish(host, m.get());
                    count++;
                }
            }
        }
        LOG.info("health policy started: {} hosts restored from their recorded states", count);
    }

    /** Reads wait for the restore, so a restarted policy never answers "unknown" for a host it has a state of. */
    private void awaitRestored() {
        if (restored.isDone()) {
            return;
        }
        try {
            restored.get(config.adminTimeoutSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | CancellationException e) {
            return; // guarded: cannot fail; cancelled: the policy is stopping
        } catch (TimeoutException e) {
            throw new VmpoolException("the health policy has not finished restoring the hosts' recorded states "
                    + "within " + config.adminTimeoutSeconds() + " s (adminTimeoutSeconds in " + HealthConfig.PID
                    + "); no host's health is answered until it has");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmpoolException("interrupted while waiting for the health policy to restore the hosts' states");
        }
    }

    private void apply(HealthObservation o) {
        HostStateMachine m = machine(o.host(), o.at(), "first heard of through " + o.source() + " (" + o.signal() + ")");
        Deque<HealthObservation> kept = recent.computeIfAbsent(o.host(), h -> new ArrayDeque<>());
        kept.addFirst(o);
        while (kept.size() > config.recentObservations()) {
            kept.removeLast();
        }
        Optional<Transition> t = m.observe(o);
        t.ifPresent(change -> changed(m, change, "vmpool-health:" + o.source()));
        if (m.state() != HostState.MAINTENANCE && ALERTING.contains(o.signal())) {
            alerts.occurrence(o.host(), o.signal().name(), m.state(), o.at(), o.summary(), evidence(o.evidence()));
        } else if (t.isPresent() && t.get().to() == HostState.UNREACHABLE) {
            alerts.occurrence(o.host(), o.signal().name(), m.state(), o.at(), t.get().reason(), evidence(o.evidence()));
        }
        publish(o.host(), m);
        if (dropped.get() > 0 && queued.get() == 0) {
            LOG.warn("the health policy dropped {} observations while its queue was full (maxQueuedObservations={} "
                    + "in {})", dropped.getAndSet(0), config.maxQueuedObservations(), HealthConfig.PID);
        }
    }

    /** The host's machine: known, restored from the inventory, or new (recorded as a transition from none). */
    private HostStateMachine machine(String host, Instant at, String why) {
        Optional<HostStateMachine> known = known(host);
        if (known.isPresent()) {
            return known.get();
        }
        HostStateMachine fresh = config.probationWhenFirstHeard()
                ? HostStateMachine.fresh(host, probation, config.missedHeartbeats(), at, why)
                : HostStateMachine.unadmitted(host, probation, config.missedHeartbeats(), at, why);
        machines.put(host, fresh);
        changed(fresh, fresh.first(), "vmpool-health");
        return fresh;
    }

    private Optional<HostStateMachine> known(String host) {
        HostStateMachine m = machines.get(host);
        if (m != null) {
            return Optional.of(m);
        }
        Optional<HostStateMachine> restored = Optional.empty();
        try {
            restored = RecordedState.restore(host, inventory.events(subject(host), config.restoreEvents()), probation,
                    config.missedHeartbeats());
        } catch (RuntimeException e) {
            LOG.warn("cannot read the recorded state of host {} from the inventory ({}); it starts anew", host,
                    e.getMessage());
        }
        restored.ifPresent(r -> {
            machines.put(host, r);
            LOG.info("host {}: {} ({})", host, r.state(), r.reason());
            if (r.state() == HostState.PROBATION) {
                scheduleProbationCheck(r);
            }
        });
        return restored;
    }

    private void changed(HostStateMachine m, Transition t, String actor) {
        LOG.info("host {}: {}", t.host(), t.message(config.evidenceLines()));
        try {
            inventory.record(new Event(clock.instant(), subject(t.host()), RecordedState.HOST_STATE, actor,
                    t.message(config.evidenceLines())));
        } catch (RuntimeException e) {
            LOG.warn("host {}: cannot record the transition {} -> {} in the inventory: {}", t.host(), t.from(), t.to(),
                    e.getMessage());
        }
        if (t.to() == HostState.PROBATION) {
            scheduleProbationCheck(m);
        }
    }

    private void scheduleProbationCheck(HostStateMachine m) {
        Duration left = Duration.between(clock.instant(), m.probationEnd());
        later(left.isNegative() ? Duration.ZERO : left, () -> {
            Optional<Transition> t = m.promoteIfDue(clock.instant());
            if (t.isPresent()) {
                changed(m, t.get(), "vmpool-health");
                publish(t.get().host(), m);
            } else if (m.state() == HostState.PROBATION && clock.instant().isBefore(m.probationEnd())
                    && machines.containsValue(m)) {
                scheduleProbationCheck(m); // the probation started again (a corrected error), or the timer ran early
            }
        });
    }

    private HostHealth publish(String host, HostStateMachine m) {
        HostHealth h = new HostHealth(host, m.state(), m.since(), m.reason(),
                List.copyOf(recent.getOrDefault(host, new ArrayDeque<>())));
        published.put(host, h);
        return h;
    }

    private List<String> evidence(List<String> lines) {
        return lines.subList(0, Math.min(lines.size(), config.evidenceLines()));
    }

    /** Runs {@code task} on the policy's thread after {@code delay}. */
    void later(Duration delay, Runnable task) {
        try {
            thread.schedule(() -> guarded(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            LOG.debug("health policy stopped; a timer was not set");
        }
    }

    private <T> T onThread(Callable<T> call) {
        Future<T> f;
        try {
            f = thread.submit(call);
        } catch (RejectedExecutionException stopped) {
            throw new VmpoolException("the health policy is stopping");
        }
        try {
            return f.get(config.adminTimeoutSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new VmpoolException("the health policy failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            f.cancel(false);
            throw new VmpoolException("the health policy did not answer within " + config.adminTimeoutSeconds()
                    + " s (adminTimeoutSeconds in " + HealthConfig.PID + "); " + queued.get() + " observations queued");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmpoolException("interrupted while waiting for the health policy");
        }
    }

    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("health policy: a step failed; the next ones go on", e);
        }
    }

    private static String subject(String host) {
        return SUBJECT_PREFIX + host;
    }

    private static void requireHost(String host) {
        if (host == null || host.isBlank()) {
            throw new InvalidRequestException("host", "required", "a host name is required");
        }
    }

    private static void positive(String key, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " in " + HealthConfig.PID + " must be at least 1, was " + value);
        }
    }
}
