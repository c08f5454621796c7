package io.vmpool.storage.lvm.internal;

import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.lock.LockService;
import io.vmpool.api.storage.MetadataHeadroom;
import io.vmpool.api.storage.PoolCapacity;
import io.vmpool.api.storage.StorageException;
import io.vmpool.api.storage.StorageHealth;
import io.vmpool.api.storage.StoragePool;
import io.vmpool.api.storage.Volume;
import io.vmpool.api.storage.VolumeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage pool of logical volumes in one LVM volume group, driven through the lvm2 command line
 * (factory PID {@value LvmStorageConfig#PID}, one configuration per VG). Volume ids are
 * {@code lvm:<vg>/<lv>}; metadata changes run under the lease {@code storage:lvm:<vg>}; a create
 * that the VG's metadata area could not hold is refused before lvm is asked (docs/lvm.md).
 */
@Component(service = StoragePool.class, configurationPid = LvmStorageConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = LvmStorageConfig.class, factory = true)
public final class LvmStoragePool implements StoragePool {
    private static final Logger LOG = LoggerFactory.getLogger(LvmStoragePool.class);

    private final String id;
    private final String vgName;
    private final String idPrefix;
    private final boolean activate;
    private final LvmRunner runner;
    private final LvmVolumeGroup vg;
    private final VgLock lock;
    private final SizeCheck sizes;
    private final MetadataGuard guard;
    private volatile Consumer<String> warningListener = message -> { };

    /**
     * Checks the configuration, that lvm runs and that the VG exists; otherwise the component does
     * not activate and the exception says why (naming the key, the VG and the PID).
     */
    @Activate
    public LvmStoragePool(@Reference LockService locks, LvmStorageConfig config) {
        this.vgName = LvName.checkVgName(config.volumeGroup(), "volumeGroup");
        String pool = config.vmpool_storage_pool();
        this.id = pool == null || pool.isBlank() ? vgName : pool;
        if (id.contains(":")) {
            throw new IllegalArgumentException("pool id '" + id + "' must not contain ':' (set "
                    + StoragePool.POOL_PROPERTY + " in " + LvmStorageConfig.PID + ")");
        }
        this.idPrefix = "lvm:" + vgName + "/";
        this.activate = config.activate();
        this.sizes = new SizeCheck(id, config.maxVolumeGiB());
        this.guard = new MetadataGuard(id, config.metadataFloorVolumes(), config.metadataInitialBytesPerVolume(),
                config.metadataWarnPercent(), message -> warningListener.accept(message));
        this.lock = new VgLock(id, vgName, locks, config.lockWaitSeconds(), config.lockTtlSeconds(),
                config.commandTimeoutSeconds());
        this.runner = new LvmRunner(id, config.lvmCommand(), config.lvmConfig(), config.commandTimeoutSeconds(),
                config.lvmShell(), config.lvmShellMaxCommands());
        this.vg = new LvmVolumeGroup(id, vgName, runner);
        try {
            String version = vg.version();
            MetadataHealth health = guard.health(vg.info());
            LOG.info("LVM storage pool {} on volume group {} ({}; activate={}, maxVolumeGiB={}): {}", id, vgName,
                    version, activate, config.maxVolumeGiB(), health.summary());
        } catch (RuntimeException e) {
            runner.close();
            throw new StorageException(id, "LVM storage pool " + id + " (" + LvmStorageConfig.PID + ", volumeGroup="
                    + vgName + ") cannot start: " + e.getMessage(), e);
        }
    }

    /** The runner (for tests). */
    LvmRunner runner() {
        return runner;
    }

    @Deactivate
    void deactivate() {
        runner.close();
    }

    @Override
    public String id() {
        return id;
    }

    /** True exactly for {@code lvm:<this VG>/...}. */
    @Override
    public boolean owns(String volumeId) {
        return volumeId != null && volumeId.startsWith(idPrefix) && volumeId.length() > idPrefix.length();
    }

    @Override
    public Volume create(VolumeRequest request) {
        Objects.requireNonNull(request, "request");
        LvName name = new LvName(request.machine(), request.disk());
        name.checkFits(vgName);
        sizes.checkSize(request.sizeBytes());
        return lock.call(lease -> {
            VgInfo info;
            long extents;
            // the facts read fresh under the lease; the lvcreate starts while that read's lvm still finishes
            try (LvmVolumeGroup.FactsRead facts = vg.infoRead()) {
                info = facts.info();
                sizes.checkRoom(request.sizeBytes(), info);
                guard.checkCreate(info, name.lvName());
                extents = SizeCheck.extents(request.sizeBytes(), info);
                vg.create(name.lvName(), extents, List.of(LvName.TAG, name.machineTag()), activate);
            }
            long size = extents * info.extentSize();
            LOG.info("pool {}: created {}/{} ({} bytes) for machine {}", id, vgName, name.lvName(), size, name.machine());
            return volume(name.lvName(), name.machine(), size);
        });
    }

    /** Removes the LV; one that does not exist is not an error, one without the vmpool tag is refused. */
    @Override
    public void delete(String volumeId) {
        LvName name = nameOf(volumeId);
        lock.call(lease -> {
            if (vg.removeIfTagged(name.lvName(), LvName.TAG).orElse(false)) {
                LOG.info("pool {}: removed {}/{}", id, vgName, name.lvName());
                return null;
            }
            // nothing removed (or lvm processes, no command log): missing is fine, untagged is refused
            Optional<LvInfo> lv = vg.lv(name.lvName());
            if (lv.isPresent()) {
                requireVmpoolTag(lv.get());
                vg.remove(name.lvName());
                LOG.info("pool {}: removed {}/{}", id, vgName, name.lvName());
            }
            return null;
        });
    }

    @Override
    public Optional<Volume> find(String volumeId) {
        LvName name = nameOf(volumeId);
        return vg.lv(name.lvName()).filter(lv -> lv.tags().contains(LvName.TAG)).map(lv -> volume(lv, name));
    }

    /** Every LV of the VG tagged {@code vmpool} with a vmpool name. */
    @Override
    public List<Volume> volumes() {
        List<Volume> out = new ArrayList<>();
        for (LvInfo lv : vg.lvs()) {
            if (lv.tags().contains(LvName.TAG)) {
                LvName.parse(lv.name()).ifPresent(name -> out.add(volume(lv, name)));
            }
        }
        return out;
    }

    /** The VG's size, allocated and free bytes (every LV counts, vmpool's or not). */
    @Override
    public PoolCapacity capacity() {
        VgInfo info = vg.info();
        return new PoolCapacity(info.sizeBytes(), info.sizeBytes() - info.freeBytes(), info.freeBytes());
    }

    /** Grows a volume to {@code sizeBytes} (lvresize; shrinking would destroy guest data and is refused). */
    public Volume resize(String volumeId, long sizeBytes) {
        LvName name = nameOf(volumeId);
        sizes.checkSize(sizeBytes);
        return lock.call(lease -> {
            LvInfo lv = vg.lv(name.lvName()).orElseThrow(() -> new StorageException(id, "volume " + volumeId
                    + " does not exist"));
            requireVmpoolTag(lv);
            if (sizeBytes <= lv.sizeBytes()) {
                throw new InvalidRequestException("sizeBytes", "> " + lv.sizeBytes(), "volume " + volumeId + " is "
                        + lv.sizeBytes() + " bytes; it can only grow, not to " + sizeBytes + " bytes");
            }
            VgInfo info = vg.info();
            sizes.checkRoom(SizeCheck.extents(sizeBytes, info) * info.extentSize() - lv.sizeBytes(), info);
            long extents = SizeCheck.extents(sizeBytes, info);
            vg.resize(name.lvName(), extents);
            long size = extents * info.extentSize();
            LOG.info("pool {}: resized {}/{} to {} bytes", id, vgName, name.lvName(), size);
            return volume(name.lvName(), machineOf(lv, name), size);
        });
    }

    /** The VG's metadata headroom now (warns through the log and the listener on entering the warning state). */
    public MetadataHealth metadataHealth() {
        return guard.health(vg.info());
    }

    /** Sets the hook told (once per entry into the state) when metadata headroom falls below the warning level. */
    @Override
    public void onWarning(Consumer<String> listener) {
        this.warningListener = Objects.requireNonNull(listener, "listener");
    }

    /** vmpool's volumes whose machine is not in {@code machines}: left over from a machine that is gone. */
    public List<Volume> orphans(Set<String> machines) {
        return volumes().stream().filter(v -> !machines.contains(v.machine())).toList();
    }

    @Override
    public String kind() {
        return "lvm";
    }

    /** Volumes, extents and the metadata headroom, with the guard's warning when it stands. */
    @Override
    public StorageHealth health() {
        VgInfo info = vg.info();
        MetadataHealth m = guard.health(info);
        List<Volume> volumes = volumes();
        List<String> warnings = m.warning() ? List.of("metadata area nearly full: " + m.summary()) : List.of();
        return new StorageHealth(id, volumes.size(),
                new PoolCapacity(info.sizeBytes(), info.sizeBytes() - info.freeBytes(), info.freeBytes()),
                new MetadataHeadroom(m.areaBytes(), m.usableBytes(), m.freeBytes(), (int) m.metadataAreas(),
                        m.bytesPerVolume(), m.headroomVolumes(), m.freePercent(), m.warning()), warnings);
    }

    /**
     * With {@code activate = true} (vmpool runs where the machines run): {@code lvchange -aey}, so
     * {@code /dev/<vg>/<lv>} is usable here and nowhere else. Otherwise the hosts' own lvm activates it
     * (lvmlockd) and there is nothing to do here. The core calls it under the volume's exclusive lease.
     */
    @Override
    public void activate(String volumeId, String host) {
        LvName name = nameOf(volumeId);
        if (activate) {
            vg.activate(name.lvName());
            LOG.info("pool {}: activated {}/{} for host {}", id, vgName, name.lvName(), host);
        }
    }

    /** {@code lvchange -an} with {@code activate = true}, after the machine stopped; nothing otherwise. */
    @Override
    public void deactivate(String volumeId, String host) {
        LvName name = nameOf(volumeId);
        if (activate) {
            vg.deactivate(name.lvName());
            LOG.info("pool {}: deactivated {}/{} (host {})", id, vgName, name.lvName(), host);
        }
    }

    private void requireVmpoolTag(LvInfo lv) {
        if (!lv.tags().contains(LvName.TAG)) {
            throw new StorageException(id, "logical volume " + vgName + "/" + lv.name() + " is not tagged " + LvName.TAG
                    + ", so vmpool did not create it and leaves it alone");
        }
    }

    /** The LV name in {@code lvm:<vg>/<lv>}; refuses other VGs' ids and anything not a vmpool volume name. */
    private LvName nameOf(String volumeId) {
        if (!owns(volumeId)) {
            throw new InvalidRequestException("volumeId", idPrefix + "<lv>", "volume id '" + volumeId
                    + "' does not belong to storage pool " + id + " (its ids start with '" + idPrefix + "')");
        }
        return LvName.parse(volumeId.substring(idPrefix.length())).orElseThrow(() -> new InvalidRequestException(
                "volumeId", idPrefix + "vmpool_<machine>_<disk>", "volume id '" + volumeId
                        + "' does not name a volume of pool " + id));
    }

    private static String machineOf(LvInfo lv, LvName name) {
        return lv.tags().stream().filter(t -> t.startsWith(LvName.MACHINE_TAG_PREFIX))
                .map(t -> t.substring(LvName.MACHINE_TAG_PREFIX.length())).findFirst().orElse(name.machine());
    }

    private Volume volume(LvInfo lv, LvName name) {
        return volume(lv.name(), machineOf(lv, name), lv.sizeBytes());
    }

    private Volume volume(String lv, String machine, long sizeBytes) {
        return new Volume(idPrefix + lv, id, lv, "/dev/" + vgName + "/" + lv, Volume.Kind.BLOCK, sizeBytes, machine);
    }
}
