package io.vmpool.health.internal.console;

import io.vmpool.api.BackendException;
import io.vmpool.api.health.HealthObserver;
import io.vmpool.health.internal.FrameworkProperties;
import io.vmpool.health.internal.collect.EventReporter;
import io.vmpool.health.internal.collect.FileFollower;
import io.vmpool.health.internal.collect.HostPort;
import io.vmpool.health.internal.collect.LineFollower;
import io.vmpool.health.internal.collect.Pollers;
import io.vmpool.health.internal.collect.StreamListener;
import io.vmpool.health.internal.collect.TcpFollower;
import io.vmpool.health.internal.mce.ConsoleEvent;
import io.vmpool.health.internal.mce.KernelLogParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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
 * Follows one host's console, a log file ({@link FileFollower}) or a TCP stream ({@link TcpFollower}),
 * keeps its tail on disk ({@link ConsoleSpool}), parses it ({@link KernelLogParser}, a new one for every
 * file or connection, so a record is never joined across a rotation or a reconnection) and posts what it
 * finds to the policy ({@link EventReporter}: plus CORRECTED_RATE_HIGH when the corrected records pass the
 * configured rate). Never throws at the policy; a read that fails is logged and tried again at the next
 * poll.
 */
@Component(service = ConsoleCapture.class, configurationPid = ConsoleConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = ConsoleConfig.class, factory = true)
public final class ConsoleCollector implements ConsoleCapture, StreamListener, AutoCloseable {
    static final String SOURCE = "console";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleCollector.class);

    private final ConsoleConfig config;
    private final String host;
    private final LineFollower follower;
    private final ConsoleSpool spool;
    private final EventReporter reporter;
    private KernelLogParser parser;
    private String lastProblem;
    private ScheduledExecutorService poller;

    @Activate
    public ConsoleCollector(@Reference HealthObserver observer, ConsoleConfig config, BundleContext context) {
        this(observer, config, Path.of(FrameworkProperties.expand(config.spoolDirectory(), context::getProperty,
                ConsoleConfig.PID + " spoolDirectory")), Clock.systemUTC());
        poller = Pollers.every("vmpool-console-" + host, config.pollMillis(), TimeUnit.MILLISECONDS, this::poll);
    }

    /** A collector that polls only when {@link #poll} is called (tests). */
    ConsoleCollector(HealthObserver observer, ConsoleConfig config, Path spoolDirectory, Clock clock) {
        this.host = required(config.host(), "host");
        boolean file = config.path() != null && !config.path().isBlank();
        boolean tcp = config.tcp() != null && !config.tcp().isBlank();
        if (file == tcp) {
            throw new IllegalArgumentException("console of " + host + ": exactly one of path (a console log file) and "
                    + "tcp (host:port of a console stream) must be set in " + ConsoleConfig.PID + ", "
                    + (file ? "both are" : "neither is"));
        }
        if (config.keepMiB() < 1 || config.maxLineBytes() < 1 || config.pollMillis() < 1
                || config.correctedRateWindowMinutes() < 1 || config.connectTimeoutMillis() < 1
                || config.reconnectMillis() < 1 || config.reconnectMaxMillis() < config.reconnectMillis()) {
            throw new IllegalArgumentException("console of " + host + ": keepMiB, maxLineBytes, pollMillis, "
                    + "correctedRateWindowMinutes, connectTimeoutMillis and reconnectMillis in " + ConsoleConfig.PID
                    + " must be positive, and reconnectMaxMillis at least reconnectMillis");
        }
        long keepBytes = config.keepMiB() * 1024L * 1024L;
        if (config.maxLineBytes() + 1L > keepBytes / 2) {
            throw new IllegalArgumentException("console of " + host + ": maxLineBytes=" + config.maxLineBytes()
                    + " must be under half of keepMiB=" + config.keepMiB() + " (" + ConsoleConfig.PID + ")");
        }
        this.config = config;
        this.parser = new KernelLogParser(config.maxRecordLines());
        this.reporter = new EventReporter(observer, host, SOURCE, "on the console", ConsoleConfig.PID,
                config.correctedRateWindowMinutes(), config.correctedPerHourThreshold(), clock);
        if (file) {
            this.follower = new FileFollower(Path.of(config.path()), config.maxLineBytes(), config.fromStart(), this);
        } else {
            HostPort address;
            try {
                address = HostPort.parse(config.tcp());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("console of " + host + ": tcp in " + ConsoleConfig.PID + ": "
                        + e.getMessage(), e);
            }
            this.follower = new TcpFollower(address, config.connectTimeoutMillis(), config.reconnectMillis(),
                    config.reconnectMaxMillis(), config.maxLineBytes(), clock, this);
        }
        try {
            this.spool = new ConsoleSpool(spoolDirectory, host, keepBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("console of " + host + ": cannot open its spool in " + spoolDirectory
                    + " (spoolDirectory in " + ConsoleConfig.PID + ")", e);
        }
    }

    /** Reads what is new in the console file or stream. */
    void poll() {
        try {
            follower.poll();
            spool.flush();
            lastProblem = null;
        } catch (IOException | RuntimeException e) {
            String problem = e.toString();
            if (!problem.equals(lastProblem)) {
                LOG.warn("console of {} ({}): {}; polling again every {} ms", host, follower.where(), problem,
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
        List<ConsoleEvent> events = parser.accept(line);
        for (int i = 0; i < events.size(); i++) { // no iterator or method reference for the many lines without one
            reporter.report(events.get(i));
        }
    }

    @Override
    public void streamEnded(String why) {
        LOG.info("console of {}: {}", host, why);
        parser.finish().forEach(reporter::report);
        parser = new KernelLogParser(config.maxRecordLines());
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

    /** The console followed (tests). */
    LineFollower follower() {
        return follower;
    }

    @Deactivate
    @Override
    public void close() {
        Pollers.stop(poller, config.pollMillis() * 2);
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
