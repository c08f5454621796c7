package io.vmpool.lock.zookeeper.internal;

import java.util.Map;
import org.osgi.util.converter.Converters;

/**
 * Starts and stops ZooKeeper lock managers outside OSGi as Declarative Services would (config map
 * to {@link ZooKeeperLockConfig}, then the package-private {@code deactivate}); lives in the bundle's package for that.
 */
public final class ZooKeeperLockManagers {
    private ZooKeeperLockManagers() {
    }

    /** A manager with {@code config} over the annotation's defaults; it connects in the background. */
    public static ZooKeeperLockManager start(Map<String, ?> config) {
        return new ZooKeeperLockManager(Converters.standardConverter().convert(config).to(ZooKeeperLockConfig.class));
    }

    /** Ends the manager's leases and closes its Curator client. */
    public static void stop(ZooKeeperLockManager manager) {
        manager.deactivate();
    }
}
