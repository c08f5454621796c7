/**
 * vmpool API: host health. Collectors turn what a host shows (machine checks on its console,
 * ECC counters, heartbeats) into {@link io.vmpool.api.health.HealthObservation}s and hand them to the
 * {@link io.vmpool.api.health.HealthObserver}; the health policy keeps each host's
 * {@link io.vmpool.api.health.HostState}, which placement obeys ({@link io.vmpool.api.health.HostHealthService}),
 * and raises {@link io.vmpool.api.health.Alert}s to every {@link io.vmpool.api.health.AlertSink}.
 * docs/health.md, "Architecture".
 */
@Version("1.1.0")
package io.vmpool.api.health;

import org.osgi.annotation.versioning.Version;
