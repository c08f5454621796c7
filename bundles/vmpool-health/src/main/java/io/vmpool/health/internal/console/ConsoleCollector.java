package io.vmpool.health.internal.console;

import io.vmpool.api.BackendException;
import io.vmpool.api.health.HealthObservation;
import io.vmpool.api.health.HealthObserver;
import io.vmpool.api.health.Signal;
import io.vmpool.health.internal.FrameworkProperties;
import io.vmpool.health.internal.mce.ConsoleEvent;
import io.vmpool.health.internal.mce.KernelLogParser;
import io.vmpool.health.internal.mce.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one host's console log ({@link FileFollower}), keeps its tail on disk ({@link ConsoleSpool}),
 * parses it ({@link KernelLogParser}, a new one for every file, so a record is never joined across a
 * rotation) and posts what it finds to the policy, plus CORRECTED_RATE_HIGH when the corrected records
 * pass the configured rate. Never throws at the policy; a read that fails is logged and tried again at
 * the next poll.
 */
@Component(service = ConsoleCapture.class, configurationPid = ConsoleConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = ConsoleConfig.class, factory = true)
public final class ConsoleCollector implements ConsoleCapture, FileFollower.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleCollector.class);

    private final HealthObserver observer;
    private final ConsoleConfig config;
    private final String host;
    private final Clock clock;
    private final FileFollower follower;
    private final ConsoleSpool spool;
    private final CorrectedRecordRate corrected;
    private KernelLogParser parser;
    private String lastProblem;
    private ScheduledExecutorService poller;

    @Activate
    public ConsoleCollector(@Reference HealthObserver observer, ConsoleConfig config, BundleContext context) {
        this(observer, config, Path.of(FrameworkProperties.expand(config.spoolDirectory(), context::getProperty,
                ConsoleConfig.PID + " spoolDirectory")), Clock.systemUTC());
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vmpool-console-" + host);
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, 0, config.pollMillis(), TimeUnit.MILLISECONDS);
    }

    /** A collector that polls only when {@link #poll} is called (tests). */
    ConsoleCollector(HealthObserver observer, ConsoleConfig config, Path spoolDirectory, Clock clock) {
        this.host = required(config.host(), "host");
        String path = required(config.path(), "path");
        if (config.keepMiB() < 1 || config.maxLineBytes() < 1 || config.pollMillis() < 1
                || config.correctedRateWindowMinutes() < 1) {
            throw new IllegalArgumentException("console of " + host + ": keepMiB, maxLineBytes, pollMillis and "
                    + "correctedRateWindowMinutes in " + ConsoleConfig.PID + " must be positive");
        }
        long keepBytes = config.keepMiB() * 1024L * 1024L;
        if (config.maxLineBytes() + 1L > keepBytes / 2) {
            throw new IllegalArgumentException("console of " + host + ": maxLineBytes=" + config.maxLineBytes()
                    + " must be under half of keepMiB=" + config.keepMiB() + " (" + ConsoleConfig.PID + ")");
        }
        this.observer = observer;
        this.config = config;
        this.clock = clock;
        this.parser = new KernelLogParser(config.maxRecordLines());
        this.corrected = new CorrectedRecordRate(Duration.ofMinutes(config.correctedRateWindowMinutes()),
                config.correctedPerHourThreshold());
        this.follower = new FileFollower(Path.of(path), config.maxLineBytes(), config.fromStart(), this);
        try {
            this.spool = new ConsoleSpool(spoolDirectory, host, keepBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("console of " + host + ": cannot open its spool in " + spoolDirectory
                    + " (spoolDirectory in " + ConsoleConfig.PID + ")", e);
        }
    }

    /** Reads what is new in the console file. */
    void poll() {
        try {
            follower.poll();
            spool.flush();
            lastProblem = null;
        } catch (IOException | RuntimeException e) {
            String problem = e.toString();
            if (!problem.equals(lastProblem)) {
                LOG.warn("console of {} ({}): {}; trying again every {} ms", host, config.path(), problem,
                        config.pollMillis());
                lastProblem = problem;
            }
        }
    }

    @Override
    public void line(String line) {
        try {
            spool.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        parser.accept(line).forEach(this::post);
    }

    @Override
    public void streamEnded(String why) {
        LOG.info("console of {}: {}; following the new file", host, why);
        parser.finish().forEach(this::post);
        parser = new KernelLogParser(config.maxRecordLines());
    }

    private void post(ConsoleEvent event) {
        HealthObservation o = ConsoleObservations.of(host, clock.instant(), event);
        send(o);
        if (event instanceof ConsoleEvent.MachineCheckRecord r && r.record().severity() == Severity.CORRECTED
                && corrected.add(o.at())) {
            send(new HealthObservation(host, o.at(), ConsoleObservations.SOURCE, Signal.CORRECTED_RATE_HIGH,
                    String.format("%d corrected machine checks on the console in %d min: %.1f per hour, over "
                            + "correctedPerHourThreshold=%s (%s)", corrected.count(), config.correctedRateWindowMinutes(),
                            corrected.perHour(), config.correctedPerHourThreshold(), ConsoleConfig.PID), o.evidence()));
        }
    }

    private void send(HealthObservation o) {
        try {
            observer.observe(o);
        } catch (RuntimeException e) {
            LOG.warn("console of {}: the health policy refused {}: {}", host, o.signal(), e.toString());
        }
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public List<String> tail(int lines) {
        try {
            return spool.tail(lines);
        } catch (IOException e) {
            throw new BackendException("console spool", "cannot read the console spool of " + host + ": " + e, e);
        }
    }

    /** Bytes the spool holds on disk now. */
    long spoolBytes() throws IOException {
        return spool.bytes();
    }

    @Deactivate
    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
            try {
                poller.awaitTermination(config.pollMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            follower.close();
            spool.close();
        } catch (IOException e) {
            LOG.warn("console of {}: closing: {}", host, e.toString());
        }
    }

    private static String required(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required in every " + ConsoleConfig.PID + " configuration");
        }
        return value;
    }
}
