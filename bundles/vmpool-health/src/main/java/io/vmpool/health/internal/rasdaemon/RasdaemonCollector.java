package io.vmpool.health.internal.rasdaemon;

import io.vmpool.api.health.HealthObserver;
import io.vmpool.health.internal.collect.EventReporter;
import io.vmpool.health.internal.collect.Pollers;
import io.vmpool.health.internal.mce.ConsoleEvent;
import io.vmpool.health.internal.mce.RasdaemonDatabase;
import io.vmpool.health.internal.mce.RasdaemonRecord;
import io.vmpool.health.internal.mce.RasdaemonRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
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
 * Polls one host's rasdaemon database ({@link RasdaemonDatabase}, read-only) for mce_record rows with an
 * id above the last one seen and posts each as the console collector posts a decoded machine check
 * ({@link EventReporter}, source {@value #SOURCE}; the row as evidence). At the first read it remembers
 * the highest id and reports only newer rows, unless {@code fromStart}. A database that is missing,
 * locked, not a database or without the table is a problem: logged and posted as a NOTICE when it
 * changes, kept in {@link #problem()}, and the next poll tries again. A database replaced (its highest id
 * below the last one read: rasdaemon started again on a new database; or the row at that id no longer
 * the one read) is read from its first row. Another file with the rows read still in it (a mirror copied
 * over by rsync) goes on where it was. A row that cannot be read is a NOTICE, and reading goes on after it.
 */
@Component(service = {}, configurationPid = RasdaemonConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RasdaemonConfig.class, factory = true)
public final class RasdaemonCollector implements AutoCloseable {
    static final String SOURCE = "rasdaemon";
    private static final Logger LOG = LoggerFactory.getLogger(RasdaemonCollector.class);

    private final RasdaemonConfig config;
    private final String host;
    private final Path file;
    private final RasdaemonDatabase database;
    private final EventReporter reporter;
    private boolean baselinePending;
    private long lastId;
    private Optional<String> lastAnchor = Optional.empty();
    private String problem;
    private ScheduledExecutorService poller;

    @Activate
    public RasdaemonCollector(@Reference HealthObserver observer, RasdaemonConfig config) {
        this(observer, config, Clock.systemUTC());
        poller = Pollers.every("vmpool-rasdaemon-" + host, config.intervalSeconds(), TimeUnit.SECONDS, this::poll);
    }

    /** A collector that reads only when {@link #poll} is called (tests). */
    RasdaemonCollector(HealthObserver observer, RasdaemonConfig config, Clock clock) {
        if (config.host() == null || config.host().isBlank()) {
            throw new IllegalArgumentException("host is required in every " + RasdaemonConfig.PID + " configuration");
        }
        this.host = config.host();
        if (config.database() == null || config.database().isBlank() || config.intervalSeconds() < 1
                || config.busyTimeoutMillis() < 0 || config.maxRecordsPerPoll() < 1
                || config.correctedRateWindowMinutes() < 1) {
            throw new IllegalArgumentException("rasdaemon of " + host + ": database must be set, intervalSeconds, "
                    + "maxRecordsPerPoll and correctedRateWindowMinutes must be positive and busyTimeoutMillis not "
                    + "negative in " + RasdaemonConfig.PID);
        }
        this.config = config;
        this.file = Path.of(config.database());
        this.database = new RasdaemonDatabase(file, config.busyTimeoutMillis());
        this.reporter = new EventReporter(observer, host, SOURCE, "in rasdaemon's database", RasdaemonConfig.PID,
                config.correctedRateWindowMinutes(), config.correctedPerHourThreshold(), clock);
        this.baselinePending = !config.fromStart();
    }

    /** Reads the rows added since the last poll and posts them. */
    void poll() {
        try {
            if (!Files.exists(file)) {
                // a database that appears later was made after the start: all of it is new
                baselinePending = false;
                problem("no rasdaemon database at " + file + " (rasdaemon not running with -r, or another path)");
                return;
            }
            if (baselinePending) {
                RasdaemonDatabase.Batch baseline = database.latest();
                baselinePending = false;
                lastId = baseline.maxId();
                lastAnchor = baseline.anchor();
                LOG.info("rasdaemon of {}: {} holds records up to id {}; reporting only newer ones (fromStart=false "
                        + "in {})", host, file, lastId, RasdaemonConfig.PID);
                readable();
                return;
            }
            RasdaemonDatabase.Batch batch = database.read(lastId, config.maxRecordsPerPoll());
            if (lastId > 0 && !batch.anchor().equals(lastAnchor)) {
                replaced(batch.maxId() < lastId ? "its highest id is " + batch.maxId() + ", below the last one read, "
                        + lastId : "its record " + lastId + " is not the one read before");
                batch = database.read(0, config.maxRecordsPerPoll());
            }
            for (RasdaemonRow row : batch.rows()) {
                report(row);
                lastId = row.id();
            }
            if (batch.lastAnchor().isPresent()) {
                lastAnchor = batch.lastAnchor();
            }
            readable();
        } catch (SQLException | RuntimeException e) {
            problem("cannot read the rasdaemon database " + file + ": " + e.getMessage());
        }
    }

    private void report(RasdaemonRow row) {
        if (row instanceof RasdaemonRecord r) {
            reporter.report(new ConsoleEvent.MachineCheckRecord(r.check(), true));
        } else {
            RasdaemonRow.Unreadable u = (RasdaemonRow.Unreadable) row;
            LOG.warn("rasdaemon of {}: mce_record id {} in {} not readable: {}", host, u.id(), file, u.reason());
            reporter.notice("rasdaemon record id " + u.id() + " not readable: " + u.reason(), u.lines());
        }
    }

    private void replaced(String why) {
        String text = "rasdaemon database " + file + " was replaced (" + why + "): reading it from its first record";
        LOG.warn("rasdaemon of {}: {}", host, text);
        reporter.notice(text, List.of(file + ": last id read " + lastId + ", its timestamp and status "
                + lastAnchor.orElse("unknown")));
        lastId = 0;
        lastAnchor = Optional.empty();
    }

    private void problem(String text) {
        if (!text.equals(problem)) {
            LOG.warn("rasdaemon of {}: {}; polling again every {} s", host, text, config.intervalSeconds());
            reporter.notice(text + " (database in " + RasdaemonConfig.PID + ")", List.of(text));
        }
        problem = text;
    }

    private void readable() {
        if (problem != null) {
            LOG.info("rasdaemon of {}: {} read again", host, file);
            problem = null;
        }
    }

    /** The last problem reading the database, until a read succeeds. */
    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** The id of the last row read (or the highest at start): the next poll reads the rows after it. */
    long lastId() {
        return lastId;
    }

    @Deactivate
    @Override
    public void close() {
        Pollers.stop(poller, 1000);
    }
}
