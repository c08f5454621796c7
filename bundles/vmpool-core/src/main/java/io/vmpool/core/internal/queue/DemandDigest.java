package io.vmpool.core.internal.queue;

import io.vmpool.api.Event;
import io.vmpool.api.health.AlertSink;
import io.vmpool.api.inventory.InventoryStore;
import io.vmpool.api.inventory.PendingRequest;
import io.vmpool.api.inventory.UnmetDemand;
import io.vmpool.core.internal.CoreConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One digest of unmet demand per {@code demandDigestMinutes} to every alert sink (docs/waiting-list.md): the creates
 * refused since the last digest, the requests waiting, the memory short and the largest request. Nothing is sent
 * when there was none. The last digest is an event, so a restart neither repeats nor skips refusals.
 */
@Component(service = DemandDigest.class, configurationPid = CoreConfig.PID, immediate = true)
public class DemandDigest {
    private static final Logger LOG = LoggerFactory.getLogger(DemandDigest.class);
    static final String SUBJECT = "pool:demand";
    static final String TYPE = "demand.digest";
    /** How many refusals the digest lists one by one; the figures count them all. */
    private static final int LISTED = 20;

    private final InventoryStore inventory;
    private final Clock clock;
    private final AlertSinks sinks = new AlertSinks();
    private final ScheduledExecutorService executor;

    @Activate
    public DemandDigest(@Reference InventoryStore inventory, CoreConfig config) {
        this(inventory, config, Clock.systemUTC(), true);
    }

    DemandDigest(InventoryStore inventory, CoreConfig config, Clock clock, boolean schedule) {
        if (config.demandDigestMinutes() < 0) {
            throw new IllegalArgumentException("demandDigestMinutes must be 0 (no digest) or more (was "
                    + config.demandDigestMinutes() + "; fix it in " + CoreConfig.PID + ")");
        }
        this.inventory = inventory;
        this.clock = clock;
        this.executor = Background.thread("vmpool-demand-digest");
        long period = config.demandDigestMinutes();
        if (schedule && period > 0) {
            executor.scheduleAtFixedRate(() -> {
                try {
                    send();
                } catch (RuntimeException e) {
                    LOG.warn("unmet demand digest failed (tried again next period): {}", e.toString());
                }
            }, period, period, TimeUnit.MINUTES);
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

    /** Sends the digest of everything since the last one, if there is anything; @return whether it was sent. */
    synchronized boolean send() {
        Instant since = inventory.events(SUBJECT, 1).stream().map(Event::time).findFirst().orElse(Instant.EPOCH);
        Instant now = clock.instant(); // the window is (since, now]; later refusals go to the next digest
        List<UnmetDemand> refused = inventory.demandSince(since).stream().filter(d -> !d.at().isAfter(now)).toList();
        List<PendingRequest> waiting = inventory.pending();
        if (refused.isEmpty() && waiting.isEmpty()) {
            return false;
        }
        long shortMiB = refused.stream().mapToLong(UnmetDemand::missingMiB).sum();
        long largest = Math.max(refused.stream().mapToLong(UnmetDemand::memoryMiB).max().orElse(0),
                waiting.stream().mapToLong(PendingRequest::memoryMiB).max().orElse(0));
        String largestWho = largestRequest(refused, waiting, largest);
        String summary = refused.size() + " create(s) refused for lack of capacity since "
                + (since.equals(Instant.EPOCH) ? "the start" : since.toString()) + ", " + waiting.size()
                + " waiting; memory short " + shortMiB + " MiB; largest request " + largest + " MiB (" + largestWho + ")";
        List<String> evidence = new ArrayList<>();
        refused.stream().limit(LISTED).forEach(d -> evidence.add(d.at() + " refused " + d.machine() + " of " + d.owner()
                + ": " + d.memoryMiB() + " MiB, " + d.missingMiB() + " MiB missing"));
        if (refused.size() > LISTED) {
            evidence.add("… and " + (refused.size() - LISTED) + " more");
        }
        waiting.stream().limit(LISTED).forEach(r -> evidence.add("waiting since " + r.queuedAt() + ": " + r.name() + " of "
                + r.owner() + ", " + r.memoryMiB() + " MiB"));
        Instant first = refused.isEmpty() ? waiting.get(0).queuedAt() : refused.get(0).at();
        int delivered = sinks.deliver(PoolAlerts.of(TYPE, Math.max(1, refused.size()), first, now, summary, evidence));
        inventory.record(new Event(now, SUBJECT, TYPE, null, summary + " (to " + delivered + " sink(s))"));
        return true;
    }

    private static String largestRequest(List<UnmetDemand> refused, List<PendingRequest> waiting, long largest) {
        return waiting.stream().filter(r -> r.memoryMiB() == largest).findFirst().map(r -> r.name() + " of " + r.owner()
                + ", waiting").orElseGet(() -> refused.stream().filter(d -> d.memoryMiB() == largest)
                .max(Comparator.comparing(UnmetDemand::at)).map(d -> d.machine() + " of " + d.owner()).orElse("-"));
    }
}
