package io.vmpool.core.internal.placement;

/**
 * Filter {@code health}: the host must be reachable and in a state that takes machines (HEALTHY, or DEGRADED
 * with the core's {@code placeOnDegraded}); MAINTENANCE is the {@link MaintenanceFilter}'s.
 */
public final class HealthFilter implements PlacementFilter {
    public static final String NAME = "health";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean hostOnly() {
        return true;
    }

    @Override
    public boolean refuses(HostLoad host, PlacementContext context) {
        return !HostLoad.MAINTENANCE.equals(host.state()) && host.stateProblem() != null;
    }

    @Override
    public String refusal(HostLoad host, PlacementContext context) {
        if (HostLoad.MAINTENANCE.equals(host.state())) {
            return null;
        }
        return host.stateProblem();
    }
}
