package io.vmpool.lock.local.internal;

import java.util.Map;
import org.osgi.util.converter.Converters;

/**
 * Starts and stops local lock managers outside OSGi as Declarative Services would (config map to
 * {@link LocalLockConfig}, then the package-private {@code deactivate}); lives in the bundle's package for that.
 */
public final class LocalLockManagers {
    private LocalLockManagers() {
    }

    /** A manager with {@code config} over the annotation's defaults ({@code Map.of()}: the shipped defaults). */
    public static LocalLockManager start(Map<String, ?> config) {
        return new LocalLockManager(Converters.standardConverter().convert(config).to(LocalLockConfig.class));
    }

    /** Stops the manager's lease reaper. */
    public static void stop(LocalLockManager manager) {
        manager.deactivate();
    }
}
