package io.vmpool.health.internal.edac;

import io.vmpool.api.health.HealthObservation;
import io.vmpool.api.health.HealthObserver;
import io.vmpool.api.health.Signal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one host's EDAC tree ({@link EdacReader}) and posts what changed since the last sample:
 * CORRECTED_ERROR when a controller's ce_count grew, UNCORRECTED_ERROR when its ue_count grew (a counter
 * that went down was reset, and its new value counts), CORRECTED_RATE_HIGH when a DIMM's corrected
 * errors in the window ({@link CorrectedErrorRate}) pass the threshold, NOTICE for problems reading the
 * tree (when they change) and for the counts found at the first sample.
 */
@Component(service = {}, configurationPid = EdacConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = EdacConfig.class, factory = true)
public final class EdacCollector implements AutoCloseable {
    static final String SOURCE = "edac";
    private static final Logger LOG = LoggerFactory.getLogger(EdacCollector.class);

    private final HealthObserver observer;
    private final EdacConfig config;
    private final String host;
    private final Clock clock;
    private final EdacReader reader;
    private final CorrectedErrorRate rates;
    private final double windowHours;
    private final Set<DimmId> over = new HashSet<>();
    private EdacSample previous;
    private List<String> lastProblems = List.of();
    private ScheduledExecutorService poller;

    @Activate
    public EdacCollector(@Reference HealthObserver observer, EdacConfig config) {
        this(observer, config, Clock.systemUTC());
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vmpool-edac-" + host);
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, 0, config.intervalSeconds(), TimeUnit.SECONDS);
    }

    /** A collector that reads only when {@link #poll} is called (tests). */
    EdacCollector(HealthObserver observer, EdacConfig config, Clock clock) {
        if (config.host() == null || config.host().isBlank()) {
            throw new IllegalArgumentException("host is required in every " + EdacConfig.PID + " configuration");
        }
        if (config.intervalSeconds() < 1) {
            throw new IllegalArgumentException("intervalSeconds in " + EdacConfig.PID + " (host " + config.host()
                    + ") must be at least 1, was " + config.intervalSeconds());
        }
        this.observer = observer;
        this.config = config;
        this.host = config.host();
        this.clock = clock;
        this.reader = new EdacReader(Path.of(config.edacRoot()));
        Duration window = Duration.ofMinutes(config.correctedRateWindowMinutes());
        this.rates = new CorrectedErrorRate(window);
        this.windowHours = window.toMillis() / 3_600_000.0;
    }

    /** Reads the tree once and posts what changed. */
    void poll() {
        try {
            EdacSample sample = reader.read(clock.instant());
            problems(sample);
            rates.add(sample);
            if (previous == null) {
                firstSample(sample);
            } else {
                for (MemoryControllerCounters mc : sample.controllers()) {
                    previous(mc.name()).ifPresent(before -> compare(before, mc));
                }
            }
            checkRates();
            previous = sample;
        } catch (RuntimeException e) {
            LOG.warn("EDAC of {} ({}): {}; trying again in {} s", host, config.edacRoot(), e.toString(),
                    config.intervalSeconds());
        }
    }

    private void problems(EdacSample sample) {
        if (!sample.problems().equals(lastProblems) && !sample.problems().isEmpty()) {
            post(Signal.NOTICE, "EDAC tree read with " + sample.problems().size() + " problem(s): "
                    + sample.problems().get(0), sample.problems());
        }
        lastProblems = sample.problems();
    }

    private void firstSample(EdacSample sample) {
        for (MemoryControllerCounters mc : sample.controllers()) {
            if (mc.uncorrectedCount() > 0 || mc.correctedCount() > 0) {
                post(Signal.NOTICE, mc.name() + " had " + mc.correctedCount() + " corrected and " + mc.uncorrectedCount()
                        + " uncorrected errors when first read (counted from its last reset; only increases count)",
                        List.of(mc.name() + "/ce_count: " + mc.correctedCount(), mc.name() + "/ue_count: "
                                + mc.uncorrectedCount()));
            }
        }
    }

    private void compare(MemoryControllerCounters before, MemoryControllerCounters now) {
        long ce = increase(before.correctedCount(), now.correctedCount());
        long ue = increase(before.uncorrectedCount(), now.uncorrectedCount());
        boolean reset = now.correctedCount() < before.correctedCount() || now.uncorrectedCount() < before.uncorrectedCount();
        String resetWords = reset ? " (counters reset since the last read)" : "";
        if (ce > 0) {
            post(Signal.CORRECTED_ERROR, now.name() + ": " + ce + " new corrected memory error(s), ce_count "
                    + before.correctedCount() + " -> " + now.correctedCount() + resetWords + dimms(before, now, true),
                    evidence(before, now, true));
        }
        if (ue > 0) {
            post(Signal.UNCORRECTED_ERROR, now.name() + ": " + ue + " new uncorrected memory error(s), ue_count "
                    + before.uncorrectedCount() + " -> " + now.uncorrectedCount() + resetWords + dimms(before, now, false),
                    evidence(before, now, false));
        }
        if (reset && ce == 0 && ue == 0) {
            post(Signal.NOTICE, now.name() + ": counters reset (ce_count " + before.correctedCount() + " -> "
                    + now.correctedCount() + ", ue_count " + before.uncorrectedCount() + " -> " + now.uncorrectedCount()
                    + ")", evidence(before, now, true));
        }
    }

    /** The DIMMs whose own counter grew, with their labels. */
    private static String dimms(MemoryControllerCounters before, MemoryControllerCounters now, boolean corrected) {
        List<String> grown = new ArrayList<>();
        for (DimmCounters d : now.dimms()) {
            long delta = dimmIncrease(before, d, corrected);
            if (delta > 0) {
                grown.add(d.id().dimm() + (d.label().isEmpty() ? "" : " '" + d.label() + "'") + " +" + delta);
            }
        }
        return grown.isEmpty() ? "" : "; " + String.join(", ", grown);
    }

    private static List<String> evidence(MemoryControllerCounters before, MemoryControllerCounters now, boolean corrected) {
        String file = corrected ? "ce_count" : "ue_count";
        List<String> lines = new ArrayList<>();
        lines.add(now.name() + "/" + file + ": " + (corrected ? now.correctedCount() : now.uncorrectedCount()) + " (was "
                + (corrected ? before.correctedCount() : before.uncorrectedCount()) + ")");
        for (DimmCounters d : now.dimms()) {
            if (dimmIncrease(before, d, corrected) > 0) {
                lines.add(d.id() + "/dimm_" + file + ": " + count(d, corrected) + " (was "
                        + before.dimms().stream().filter(b -> b.id().equals(d.id())).findFirst()
                                .map(b -> Long.toString(count(b, corrected))).orElse("absent") + ")");
            }
        }
        return lines;
    }

    private static long dimmIncrease(MemoryControllerCounters before, DimmCounters now, boolean corrected) {
        return before.dimms().stream().filter(b -> b.id().equals(now.id())).findFirst()
                .map(b -> increase(count(b, corrected), count(now, corrected))).orElse(0L);
    }

    private static long count(DimmCounters d, boolean corrected) {
        return corrected ? d.correctedCount() : d.uncorrectedCount().orElse(0);
    }

    /** The errors between two readings of a counter; one that went down was reset, and its new value counts. */
    private static long increase(long before, long now) {
        return now >= before ? now - before : now;
    }

    private void checkRates() {
        for (DimmRate rate : rates.rates()) {
            double perHour = rate.correctedErrors() / windowHours;
            if (perHour > config.correctedPerHourThreshold()) {
                if (over.add(rate.id())) {
                    post(Signal.CORRECTED_RATE_HIGH, String.format("DIMM %s%s: %d corrected errors in the last %d min "
                            + "(%.1f per hour), over correctedPerHourThreshold=%s (%s)", rate.id(),
                            rate.label().isEmpty() ? "" : " '" + rate.label() + "'", rate.correctedErrors(),
                            config.correctedRateWindowMinutes(), perHour, config.correctedPerHourThreshold(),
                            EdacConfig.PID), List.of(rate.id() + "/dimm_ce_count: +" + rate.correctedErrors() + " over "
                                    + rate.span().toMinutes() + " min" + (rate.counterReset() ? " (counter reset)" : "")));
                }
            } else {
                over.remove(rate.id());
            }
        }
    }

    private Optional<MemoryControllerCounters> previous(String name) {
        return previous.controllers().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private void post(Signal signal, String summary, List<String> evidence) {
        try {
            observer.observe(new HealthObservation(host, clock.instant(), SOURCE, signal, summary, evidence));
        } catch (RuntimeException e) {
            LOG.warn("EDAC of {}: the health policy refused {}: {}", host, signal, e.toString());
        }
    }

    @Deactivate
    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
