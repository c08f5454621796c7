package io.vmpool.inventory.jdbc.internal;

import io.vmpool.api.Event;
import io.vmpool.api.host.HostFingerprint;
import io.vmpool.api.inventory.InventoryStore;
import io.vmpool.api.inventory.MachineRecord;
import io.vmpool.api.inventory.PendingRequest;
import io.vmpool.api.inventory.UnmetDemand;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inventory in a SQL database reached through whichever JDBC driver's {@link DataSourceFactory}
 * the configuration selects (H2 by default): pools connections, migrates the schema, then serves.
 * Immediate, so that migrations run (and a bad URL or a changed migration fails) when the bundle
 * starts rather than at the first caller.
 */
@Component(service = InventoryStore.class, configurationPid = InventoryConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = InventoryConfig.class)
public class JdbcInventoryStore implements InventoryStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcInventoryStore.class);

    private final ConnectionPool pool;
    private final MachineTable machines;
    private final EventTable events;
    private final FingerprintTable fingerprints;
    private final PendingRequestTable pending;
    private final UnmetDemandTable demand;

    @Activate
    public JdbcInventoryStore(@Reference(name = "dataSourceFactory") DataSourceFactory dataSourceFactory,
            InventoryConfig config, BundleContext context) {
        this(dataSourceFactory, config, context::getProperty);
    }

    /** @param properties where {@code ${name}} in the URL is looked up (framework properties in OSGi) */
    JdbcInventoryStore(DataSourceFactory dataSourceFactory, InventoryConfig config,
            Function<String, String> properties) {
        String url = new UrlPlaceholders(properties).resolve(config.url());
        this.pool = new ConnectionPool(dataSourceFactory, config, url);
        try {
            List<Migration> applied = new SchemaMigrator(pool.dataSource(), MigrationCatalog.bundled(),
                    Duration.ofSeconds(config.migrationLockTimeoutSeconds())).migrate();
            LOG.info("Inventory on {} ready ({} schema migration(s) applied now)", ConnectionPool.redacted(url),
                    applied.size());
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        this.machines = new MachineTable(pool.dataSource());
        this.events = new EventTable(pool.dataSource());
        this.fingerprints = new FingerprintTable(pool.dataSource());
        this.pending = new PendingRequestTable(pool.dataSource());
        this.demand = new UnmetDemandTable(pool.dataSource());
    }

    @Deactivate
    @Override
    public void close() {
        pool.close();
    }

    @Override
    public void insert(MachineRecord machine) {
        machines.insert(machine);
    }

    @Override
    public Optional<MachineRecord> find(String name) {
        return machines.find(name);
    }

    @Override
    public List<MachineRecord> machines() {
        return machines.all();
    }

    @Override
    public void update(MachineRecord machine) {
        machines.update(machine);
    }

    @Override
    public void advanceFence(String machine, long token) {
        machines.advanceFence(machine, token);
    }

    @Override
    public boolean delete(String name) {
        return machines.delete(name);
    }

    @Override
    public void record(Event event) {
        events.record(event);
    }

    @Override
    public List<Event> events(String subject, int limit) {
        return events.newest(subject, limit);
    }

    @Override
    public List<String> subjectsWithEvents(String type) {
        return events.subjects(type);
    }

    @Override
    public void putFingerprint(HostFingerprint fingerprint) {
        fingerprints.put(fingerprint);
    }

    @Override
    public Optional<HostFingerprint> fingerprint(String host) {
        return fingerprints.find(host);
    }

    @Override
    public void enqueue(PendingRequest request) {
        pending.insert(request);
    }

    @Override
    public List<PendingRequest> pending() {
        return pending.all();
    }

    @Override
    public boolean dequeue(String id) {
        return pending.delete(id);
    }

    @Override
    public void recordDemand(UnmetDemand unmet) {
        demand.record(unmet);
    }

    @Override
    public List<UnmetDemand> demandSince(Instant since) {
        return demand.since(since);
    }
}
