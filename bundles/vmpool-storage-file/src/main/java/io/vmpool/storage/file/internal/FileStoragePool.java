package io.vmpool.storage.file.internal;

import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.storage.PoolCapacity;
import io.vmpool.api.storage.StorageException;
import io.vmpool.api.storage.StoragePool;
import io.vmpool.api.storage.Volume;
import io.vmpool.api.storage.VolumeRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A storage pool of sparse raw image files in one directory: the single-machine default. */
@Component(service = StoragePool.class, configurationPid = FileStorageConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = FileStorageConfig.class)
public final class FileStoragePool implements StoragePool {
    private static final Logger LOG = LoggerFactory.getLogger(FileStoragePool.class);

    private final String id;
    private final ImageDirectory directory;
    private final SpaceCheck space;

    @Activate
    public FileStoragePool(FileStorageConfig config, BundleContext context) {
        this(config, name -> {
            String value = context.getProperty(name);
            return value != null ? value : System.getProperty(name);
        });
    }

    /** For tests and for the OSGi constructor: {@code property} resolves {@code ${name}} in the directory. */
    FileStoragePool(FileStorageConfig config, UnaryOperator<String> property) {
        this.id = config.vmpool_storage_pool();
        if (id == null || id.isBlank() || id.contains(":")) {
            throw new IllegalArgumentException("pool id '" + id + "' must be non-empty and without ':' (set "
                    + StoragePool.POOL_PROPERTY + " in " + FileStorageConfig.PID + ")");
        }
        this.directory = new ImageDirectory(id, DirectoryTemplate.resolve(config.directory(), property));
        this.space = new SpaceCheck(id, config.maxVolumeGiB(), config.minFreeMiB());
        directory.ensureExists();
        LOG.info("file storage pool {} in {} (maxVolumeGiB={}, minFreeMiB={})", id, directory.path(),
                config.maxVolumeGiB(), config.minFreeMiB());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String kind() {
        return "file";
    }

    @Override
    public Volume create(VolumeRequest request) {
        Objects.requireNonNull(request, "request");
        VolumeName name = new VolumeName(request.machine(), request.disk());
        space.checkSize(request.sizeBytes());
        directory.ensureExists();
        space.checkRoom(request.sizeBytes(), directory.space().usable(), directory.path().toString());
        Path file = directory.fileOf(name);
        directory.createSparse(file, request.sizeBytes());
        LOG.info("pool {}: created {} ({} bytes) for machine {}", id, file, request.sizeBytes(), name.machine());
        return volume(name, file, request.sizeBytes());
    }

    @Override
    public void delete(String volumeId) {
        Path file = directory.fileOf(nameOf(volumeId));
        if (directory.delete(file)) {
            LOG.info("pool {}: deleted {}", id, file);
        }
    }

    @Override
    public Optional<Volume> find(String volumeId) {
        VolumeName name = nameOf(volumeId);
        Path file = directory.fileOf(name);
        long length = directory.length(file);
        return length < 0 ? Optional.empty() : Optional.of(volume(name, file, length));
    }

    @Override
    public List<Volume> volumes() {
        List<Volume> out = new ArrayList<>();
        for (String fileName : directory.fileNames()) {
            VolumeName.parse(fileName).ifPresent(name -> {
                Path file = directory.fileOf(name);
                long length = directory.length(file);
                if (length >= 0) { // deleted between the listing and now
                    out.add(volume(name, file, length));
                }
            });
        }
        return out;
    }

    /** Total and usable space of the file system; allocated is the sum of the volumes' sizes. */
    @Override
    public PoolCapacity capacity() {
        ImageDirectory.DiskSpace space = directory.space();
        long allocated = 0;
        for (Volume v : volumes()) {
            allocated += v.sizeBytes();
        }
        return new PoolCapacity(space.total(), allocated, space.usable());
    }

    /** The file name in {@code <pool>:<file>}; refuses other pools' ids and anything not a volume name. */
    private VolumeName nameOf(String volumeId) {
        String prefix = id + ":";
        if (volumeId == null || !volumeId.startsWith(prefix)) {
            throw new InvalidRequestException("volumeId", prefix + "<file>", "volume id '" + volumeId
                    + "' does not belong to storage pool " + id + " (its ids start with '" + prefix + "')");
        }
        String fileName = volumeId.substring(prefix.length());
        return VolumeName.parse(fileName).orElseThrow(() -> new InvalidRequestException("volumeId",
                prefix + "vmpool_<machine>_<disk>.img", "volume id '" + volumeId
                        + "' does not name a volume of pool " + id));
    }

    private Volume volume(VolumeName name, Path file, long sizeBytes) {
        return new Volume(id + ":" + name.fileName(), id, name.fileName(), file.toString(), Volume.Kind.FILE,
                sizeBytes, name.machine());
    }
}
