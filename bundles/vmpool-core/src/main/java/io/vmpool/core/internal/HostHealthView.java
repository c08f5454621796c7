package io.vmpool.core.internal;

import io.vmpool.api.health.HostHealth;
import io.vmpool.api.health.HostHealthService;
import io.vmpool.api.health.HostState;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The core's view of the health policy, which may be absent (vmpool-health not installed): then
 * every host is HEALTHY and only reachability counts. {@code placeOnDegraded} lets DEGRADED hosts
 * take machines.
 */
final class HostHealthView {
    static final HostHealthView NONE = new HostHealthView(Optional::empty, false);

    private final Supplier<Optional<HostHealthService>> service;
    private final boolean placeOnDegraded;
    private final MaintenanceHosts maintenance;

    HostHealthView(Supplier<Optional<HostHealthService>> service, boolean placeOnDegraded) {
        this(service, placeOnDegraded, new MaintenanceHosts());
    }

    /** With the core's own maintenance flags, which count as MAINTENANCE whatever the policy says (or without one). */
    HostHealthView(Supplier<Optional<HostHealthService>> service, boolean placeOnDegraded, MaintenanceHosts maintenance) {
        this.service = service;
        this.placeOnDegraded = placeOnDegraded;
        this.maintenance = maintenance;
    }

    /** What placement makes of a host: its state's name, and why it takes no machines (null when it does). */
    record Verdict(String state, String problem) {
    }

    Verdict verdict(String host) {
        Optional<HostHealth> h = service.get().flatMap(s -> s.health(host));
        Optional<String> flagged = maintenance.reason(host);
        if (flagged.isPresent() && h.map(x -> x.state() != HostState.MAINTENANCE).orElse(true)) {
            return new Verdict(HostState.MAINTENANCE.name(), flagged.get());
        }
        if (h.isEmpty()) {
            return new Verdict("HEALTHY", null);
        }
        HostHealth health = h.get();
        if (health.state().takesMachines(placeOnDegraded)) {
            return new Verdict(health.state().name(), null);
        }
        return new Verdict(health.state().name(), health.state() + " since " + health.since() + ": " + health.reason());
    }

    /** Whether the host is known to be unreachable by the health policy. */
    boolean unreachable(String host) {
        return service.get().flatMap(s -> s.health(host))
                .map(x -> x.state() == io.vmpool.api.health.HostState.UNREACHABLE).orElse(false);
    }
}
