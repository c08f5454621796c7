package io.vmpool.core.internal.placement;

/** Filter {@code memory}: the machine must fit in what is left after the host's reserve and its machines. */
public final class MemoryFilter implements PlacementFilter {
    public static final String NAME = "memory";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean hostOnly() {
        return false;
    }

    @Override
    public boolean refuses(HostLoad host, PlacementContext context) {
        return host.freeMiB() < context.memoryMiB();
    }

    @Override
    public String refusal(HostLoad host, PlacementContext context) {
        if (host.freeMiB() >= context.memoryMiB()) {
            return null;
        }
        return "needs " + context.memoryMiB() + " MiB, has " + host.freeMiB() + " MiB free of " + host.memoryMiB()
                + " (" + host.allocatedMiB() + " allocated, " + host.reservedMiB() + " reserved)";
    }
}
