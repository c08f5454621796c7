package io.vmpool.core.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hosts an administrator put in maintenance through the core (host:maintenance), so the scheduler's
 * {@code maintenance} filter keeps new machines off them whether or not the health policy (vmpool-health) runs.
 * In memory: after a restart only the health policy's MAINTENANCE (restored from its events) remains.
 */
final class MaintenanceHosts {
    private final Map<String, String> hosts = new ConcurrentHashMap<>();

    void put(String host, String actor) {
        hosts.putIfAbsent(host, "MAINTENANCE since " + Instant.now() + ": put in maintenance by " + actor);
    }

    boolean remove(String host) {
        return hosts.remove(host) != null;
    }

    /** Why the host is in maintenance, if it is. */
    Optional<String> reason(String host) {
        return Optional.ofNullable(hosts.get(host));
    }
}
