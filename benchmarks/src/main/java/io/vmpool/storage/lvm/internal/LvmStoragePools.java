package io.vmpool.storage.lvm.internal;

import io.vmpool.api.lock.LockService;
import java.util.Map;
import org.osgi.util.converter.Converters;

/**
 * Starts and stops LVM storage pools outside OSGi as Declarative Services would (config map to
 * {@link LvmStorageConfig}, the {@code @Activate} constructor, then the package-private
 * {@code deactivate}); lives in the bundle's package for that.
 */
public final class LvmStoragePools {
    private LvmStoragePools() {
    }

    /** A pool with {@code config} (e.g. {@code volumeGroup}, {@code lvmConfig}) over the annotation's defaults. */
    public static LvmStoragePool start(LockService locks, Map<String, ?> config) {
        return new LvmStoragePool(locks, Converters.standardConverter().convert(config).to(LvmStorageConfig.class));
    }

    /** Stops the pool's lvm runner (its executor). */
    public static void stop(LvmStoragePool pool) {
        pool.deactivate();
    }
}
