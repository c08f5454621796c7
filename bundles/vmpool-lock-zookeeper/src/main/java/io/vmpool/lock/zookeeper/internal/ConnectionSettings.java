package io.vmpool.lock.zookeeper.internal;

import io.vmpool.lock.support.ConfigCheck;

/** The part of the configuration that needs a new ZooKeeper client when it changes. */
record ConnectionSettings(String connectString, String namespace, int sessionTimeoutMillis,
        int connectionTimeoutMillis, int retryBaseSleepMillis, int retryMaxSleepMillis, int retryMaxRetries) {

    ConnectionSettings {
        if (connectString == null || connectString.isBlank()) {
            throw new IllegalArgumentException("connectString must name at least one ZooKeeper server (fix it in "
                    + ZooKeeperLockConfig.PID + ")");
        }
        if (namespace == null || namespace.isBlank() || namespace.startsWith("/") || namespace.endsWith("/")) {
            throw new IllegalArgumentException("namespace must be a znode path without leading or trailing '/', is '"
                    + namespace + "' (fix it in " + ZooKeeperLockConfig.PID + ")");
        }
        requirePositive("sessionTimeoutMillis", sessionTimeoutMillis);
        requirePositive("connectionTimeoutMillis", connectionTimeoutMillis);
        requirePositive("retryBaseSleepMillis", retryBaseSleepMillis);
        requirePositive("retryMaxSleepMillis", retryMaxSleepMillis);
        ConfigCheck.atLeast(ZooKeeperLockConfig.PID, "retryMaxRetries", retryMaxRetries, 0);
    }

    static ConnectionSettings of(ZooKeeperLockConfig c) {
        return new ConnectionSettings(c.connectString().trim(), c.namespace().trim(), c.sessionTimeoutMillis(),
                c.connectionTimeoutMillis(), c.retryBaseSleepMillis(), c.retryMaxSleepMillis(), c.retryMaxRetries());
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, is " + value + " (fix it in "
                    + ZooKeeperLockConfig.PID + ")");
        }
    }
}
