package io.vmpool.core.internal;

import io.vmpool.api.Event;
import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.NotFoundException;
import io.vmpool.api.inventory.InventoryStore;
import io.vmpool.api.inventory.MachineRecord;
import io.vmpool.api.storage.PoolCapacity;
import io.vmpool.api.storage.PoolInitializer;
import io.vmpool.api.storage.StorageHealth;
import io.vmpool.api.storage.StoragePool;
import io.vmpool.api.storage.StorageReport;
import io.vmpool.api.storage.StorageService;
import io.vmpool.api.storage.Volume;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage pools for the front doors: lists them with the default marked, their health and
 * volumes, reconciles them with the inventory (reports only: an orphan volume may be someone's data),
 * and prepares new pools through the backends' {@link PoolInitializer}s.
 */
@Component(service = StorageService.class, configurationPid = CoreConfig.PID)
public class StorageServiceImpl implements StorageService {
    private static final Logger LOG = LoggerFactory.getLogger(StorageServiceImpl.class);

    private final InventoryStore inventory;
    private final CoreConfig config;
    private final Map<String, StoragePool> pools = new ConcurrentHashMap<>();
    private final Map<String, PoolInitializer> initializers = new ConcurrentHashMap<>();

    @Activate
    public StorageServiceImpl(@Reference InventoryStore inventory, CoreConfig config) {
        this.inventory = inventory;
        this.config = config;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPool(StoragePool pool) {
        pools.put(pool.id(), pool);
        String subject = "storage:" + pool.id();
        pool.onWarning(message -> {
            LOG.warn("storage pool {}: {}", pool.id(), message);
            inventory.record(Event.now(subject, "storage.warning", "vmpool", message));
        });
    }

    void removePool(StoragePool pool) {
        pools.remove(pool.id(), pool);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addInitializer(PoolInitializer initializer) {
        initializers.put(initializer.kind(), initializer);
    }

    void removeInitializer(PoolInitializer initializer) {
        initializers.remove(initializer.kind(), initializer);
    }

    @Override
    public List<PoolSummary> pools() {
        return pools.values().stream().sorted(Comparator.comparing(StoragePool::id)).map(this::summary).toList();
    }

    /** One pool's line; a pool that cannot answer now (lvm failing, stopping) is listed with the reason, not dropped. */
    private PoolSummary summary(StoragePool p) {
        boolean isDefault = p.id().equals(config.defaultStoragePool());
        try {
            return new PoolSummary(p.id(), p.kind(), isDefault, p.capacity(), p.volumes().size(), null);
        } catch (RuntimeException e) {
            LOG.warn("storage pool {} cannot be read: {}", p.id(), e.getMessage());
            return new PoolSummary(p.id(), p.kind(), isDefault, new PoolCapacity(0, 0, 0), 0, e.getMessage());
        }
    }

    @Override
    public StorageHealth health(String id) {
        return pool(id).health();
    }

    @Override
    public List<Volume> volumes(String id) {
        return pool(id).volumes().stream().sorted(Comparator.comparing(Volume::id)).toList();
    }

    @Override
    public StorageReport reconcile() {
        List<MachineRecord> machines = inventory.machines();
        Set<String> recorded = machines.stream().map(MachineRecord::volumeId).filter(v -> v != null)
                .collect(Collectors.toSet());
        List<Volume> orphans = new ArrayList<>();
        for (StoragePool p : pools.values()) {
            for (Volume v : p.volumes()) {
                if (!recorded.contains(v.id())) {
                    orphans.add(v);
                }
            }
        }
        List<StorageReport.MissingVolume> missing = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        for (MachineRecord m : machines) {
            if (m.volumeId() == null) {
                continue;
            }
            StoragePool p = pools.values().stream().filter(x -> x.owns(m.volumeId())).findFirst().orElse(null);
            if (p == null) {
                unavailable.add(m.volumeId());
            } else if (p.find(m.volumeId()).isEmpty()) {
                missing.add(new StorageReport.MissingVolume(m.name(), m.volumeId()));
            }
        }
        orphans.sort(Comparator.comparing(Volume::id));
        missing.sort(Comparator.comparing(StorageReport.MissingVolume::machine));
        unavailable.sort(Comparator.naturalOrder());
        if (!orphans.isEmpty() || !missing.isEmpty()) {
            LOG.warn("storage reconciliation: {} orphan volume(s) {}, {} machine(s) whose volume is gone {}",
                    orphans.size(), orphans.stream().map(Volume::id).toList(), missing.size(), missing);
        }
        return new StorageReport(orphans, missing, unavailable);
    }

    @Override
    public String initialize(String kind, String device, String name, int targetVolumes) {
        PoolInitializer init = initializers.get(kind);
        if (init == null) {
            throw new InvalidRequestException("kind", "one of " + initializers.keySet().stream().sorted().toList(),
                    "no storage backend installed can initialise a pool of kind '" + kind + "' (kinds: "
                            + initializers.keySet().stream().sorted().toList() + ")");
        }
        String done = init.initialize(device, name, targetVolumes);
        LOG.info("storage: {}", done);
        return done;
    }

    private StoragePool pool(String id) {
        StoragePool p = pools.get(id);
        if (p == null) {
            throw new NotFoundException("no storage pool '" + id + "' (pools: " + pools.keySet().stream().sorted().toList()
                    + ")");
        }
        return p;
    }
}
