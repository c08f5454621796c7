package io.vmpool.health.internal.mcelog;

import io.vmpool.api.health.HealthObserver;
import io.vmpool.health.internal.collect.EventReporter;
import io.vmpool.health.internal.collect.FileFollower;
import io.vmpool.health.internal.collect.Pollers;
import io.vmpool.health.internal.collect.StreamListener;
import io.vmpool.health.internal.mce.McelogParser;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
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
 * Follows one host's mcelog log ({@link FileFollower}: rotation, truncation and deletion as for a console
 * file), parses it ({@link McelogParser}, a new one for every file) and posts each record as the console
 * collector posts a decoded machine check ({@link EventReporter}, source {@value #SOURCE}). A record that
 * has its STATUS line is reported at the end of the poll that read it, without waiting for the next record
 * to end it. A read that fails is logged and tried again at the next poll.
 */
@Component(service = {}, configurationPid = McelogConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = McelogConfig.class, factory = true)
public final class McelogCollector implements StreamListener, AutoCloseable {
    static final String SOURCE = "mcelog";
    private static final Logger LOG = LoggerFactory.getLogger(McelogCollector.class);

    private final McelogConfig config;
    private final String host;
    private final FileFollower follower;
    private final EventReporter reporter;
    private McelogParser parser;
    private String lastProblem;
    private ScheduledExecutorService poller;

    @Activate
    public McelogCollector(@Reference HealthObserver observer, McelogConfig config) {
        this(observer, config, Clock.systemUTC());
        poller = Pollers.every("vmpool-mcelog-" + host, config.pollMillis(), TimeUnit.MILLISECONDS, this::poll);
    }

    /** A collector that reads only when {@link #poll} is called (tests). */
    McelogCollector(HealthObserver observer, McelogConfig config, Clock clock) {
        if (config.host() == null || config.host().isBlank()) {
            throw new IllegalArgumentException("host is required in every " + McelogConfig.PID + " configuration");
        }
        this.host = config.host();
        if (config.path() == null || config.path().isBlank() || config.pollMillis() < 1 || config.maxLineBytes() < 1
                || config.maxRecordLines() < 2 || config.correctedRateWindowMinutes() < 1) {
            throw new IllegalArgumentException("mcelog of " + host + ": path must be set, pollMillis, maxLineBytes and "
                    + "correctedRateWindowMinutes must be positive and maxRecordLines at least 2 in " + McelogConfig.PID);
        }
        this.config = config;
        this.parser = new McelogParser(config.maxRecordLines());
        this.reporter = new EventReporter(observer, host, SOURCE, "in mcelog's log", McelogConfig.PID,
                config.correctedRateWindowMinutes(), config.correctedPerHourThreshold(), clock);
        this.follower = new FileFollower(Path.of(config.path()), config.maxLineBytes(), config.fromStart(), this);
    }

    /** Reads what is new in the log. */
    void poll() {
        try {
            follower.poll();
            parser.finishComplete().forEach(reporter::report);
            if (lastProblem != null) {
                LOG.info("mcelog of {}: {} read again", host, config.path());
                lastProblem = null;
            }
        } catch (IOException | RuntimeException e) {
            String problem = e.toString();
            if (!problem.equals(lastProblem)) {
                LOG.warn("mcelog of {} ({}): {}; polling again every {} ms", host, config.path(), problem,
                        config.pollMillis());
                lastProblem = problem;
            }
        }
    }

    @Override
    public void line(String line) {
        parser.accept(line).forEach(reporter::report);
    }

    @Override
    public void streamEnded(String why) {
        LOG.info("mcelog of {}: {}", host, why);
        parser.finish().forEach(reporter::report);
        parser = new McelogParser(config.maxRecordLines());
    }

    @Deactivate
    @Override
    public void close() {
        Pollers.stop(poller, config.pollMillis() * 2);
        try {
            follower.close();
        } catch (IOException e) {
            LOG.warn("mcelog of {}: closing: {}", host, e.toString());
        }
    }
}
