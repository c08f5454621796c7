package io.vmpool.shell.internal;

import io.vmpool.api.machine.MachineService;
import io.vmpool.api.placement.CapacityReport;
import io.vmpool.api.placement.HostCapacity;
import io.vmpool.api.placement.PlacementRequest;
import io.vmpool.api.placement.PlacementService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * pool:capacity — how many more machines of a size fit, per host and in total, by free memory and with N+k;
 * for administrators. Without a size the core's capacityMemoryMiB / capacityDiskGiB are used.
 */
@Service
@Command(scope = "pool", name = "capacity", description = "How many more machines of a size fit, per host, with and without N+k")
public class PoolCapacityCommand implements Action {

    @Reference
    MachineService machines;

    @Reference
    PlacementService placement;

    @Option(name = "--memory", aliases = "-m", description = "Memory in MiB (default: the core's capacityMemoryMiB)")
    String memory;

    @Option(name = "--vcpus", aliases = "-c", description = "Virtual CPUs (default 1)")
    String vcpus;

    @Option(name = "--disk", aliases = "-d", description = "Disk size in GiB (default: the core's capacityDiskGiB)")
    String disk;

    @Override
    public Object execute() {
        HealthCommands.requireAdmin(machines, "pool:capacity");
        PlacementRequest size = new PlacementRequest(TrailingOptions.number("--memory", memory, 0L, "MiB"),
                (int) TrailingOptions.number("--vcpus", vcpus, 0L, ""), TrailingOptions.number("--disk", disk, 0L, "GiB"));
        CapacityReport r = placement.capacity(size, ShellCaller.current());
        System.out.println("Machines of " + r.size().memoryMiB() + " MiB, " + r.size().vcpus() + " vCPU, "
                + r.size().diskGiB() + " GiB: " + r.summary());
        ShellTable table = new ShellTable();
        table.column("Host");
        table.column("State");
        table.column("Free MiB").alignRight();
        table.column("Fit").alignRight();
        table.column("Fit with N+" + r.nPlusK()).alignRight();
        for (HostCapacity h : r.hosts()) {
            table.addRow().addContent(h.host(), h.state(), h.freeMiB(), h.fits(), h.fitsWithNPlusK());
        }
        table.addRow().addContent("TOTAL", "", "", r.total(), r.totalWithNPlusK());
        table.print(System.out);
        return null;
    }
}
