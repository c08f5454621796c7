package io.vmpool.core.internal;

import io.vmpool.api.health.HealthObservation;
import io.vmpool.api.health.HealthObserver;
import io.vmpool.api.health.Signal;
import io.vmpool.api.hypervisor.NodeInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every interval, one cheap call per host ({@link PoolHost#heartbeat()}) with a timeout, each on its
 * own thread so a hung host delays no other; the outcome goes to the health policy as
 * {@code HEARTBEAT_OK} / {@code HEARTBEAT_MISSED} when one is installed. A host whose last heartbeat is
 * still running misses this one. A missed heartbeat drops the host's connection ({@link PoolHost#heartbeatMissed}).
 */
final class Heartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final Supplier<List<PoolHost>> hosts;
    private final Supplier<Optional<HealthObserver>> observer;
    private final Duration timeout;
    private final Clock clock;
    private final ScheduledExecutorService ticker;
    private final ExecutorService calls;
    private final Map<String, Future<NodeInfo>> running = new ConcurrentHashMap<>();

    Heartbeat(Supplier<List<PoolHost>> hosts, Supplier<Optional<HealthObserver>> observer, Duration interval,
            Duration timeout, Clock clock) {
        this.hosts = hosts;
        this.observer = observer;
        this.timeout = timeout;
        this.clock = clock;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "vmpool-heartbeat"));
        this.calls = Executors.newCachedThreadPool(r -> daemon(r, "vmpool-heartbeat-call"));
        ticker.scheduleWithFixedDelay(this::beatAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round now, waiting for it; for tests and the shell. */
    void beatAll() {
        try {
            List<PoolHost> all = hosts.get();
            Map<PoolHost, Future<NodeInfo>> round = new java.util.LinkedHashMap<>();
            for (PoolHost h : all) {
                Future<NodeInfo> previous = running.get(h.name());
                if (previous != null && !previous.isDone()) {
                    report(h, Signal.HEARTBEAT_MISSED, "the previous heartbeat of " + h.name() + " (" + h.uri()
                            + ") has not answered yet (heartbeatTimeoutMillis=" + timeout.toMillis() + ", "
                            + CoreConfig.PID + ")");
                    continue;
                }
                Future<NodeInfo> f = calls.submit(h::heartbeat);
                running.put(h.name(), f);
                round.put(h, f);
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Map.Entry<PoolHost, Future<NodeInfo>> e : round.entrySet()) {
                PoolHost h = e.getKey();
                try {
                    NodeInfo n = e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    report(h, Signal.HEARTBEAT_OK, h.name() + " answered: " + n.cpus() + " CPUs, " + n.memoryMiB() + " MiB");
                } catch (TimeoutException t) {
                    h.heartbeatMissed("no answer within " + timeout.toMillis() + " ms");
                    report(h, Signal.HEARTBEAT_MISSED, h.name() + " (" + h.uri() + ") did not answer within "
                            + timeout.toMillis() + " ms (heartbeatTimeoutMillis, " + CoreConfig.PID + ")");
                } catch (ExecutionException failed) {
                    report(h, Signal.HEARTBEAT_MISSED, h.name() + " (" + h.uri() + ") failed its heartbeat: "
                            + failed.getCause().getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("heartbeat round failed; the next one runs as planned", e);
        }
    }

    private void report(PoolHost h, Signal signal, String summary) {
        observer.get().ifPresent(o -> o.observe(new HealthObservation(h.name(), clock.instant(), "heartbeat", signal,
                summary, List.of())));
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        calls.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
