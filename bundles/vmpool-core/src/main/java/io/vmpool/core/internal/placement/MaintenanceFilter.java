package io.vmpool.core.internal.placement;

/** Filter {@code maintenance}: a host an admin put in MAINTENANCE takes no new machines until host:activate. */
public final class MaintenanceFilter implements PlacementFilter {
    public static final String NAME = "maintenance";

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
        return HostLoad.MAINTENANCE.equals(host.state());
    }

    @Override
    public String refusal(HostLoad host, PlacementContext context) {
        if (!HostLoad.MAINTENANCE.equals(host.state())) {
            return null;
        }
        return "in maintenance: no new machines until host:activate " + host.name()
                + (host.stateProblem() == null ? "" : " (" + host.stateProblem() + ")");
    }
}
