package io.vmpool.shell.internal;

import io.vmpool.api.placement.FilterFailure;
import io.vmpool.api.placement.HostAssessment;
import io.vmpool.api.placement.PlacementDecision;
import io.vmpool.api.placement.PlacementRequest;
import io.vmpool.api.placement.PlacementService;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * vm:place — where a machine of a size would go and why every other host would not; a dry run (nothing is
 * reserved; vm:create places and creates). The command takes no argument, so Karaf reads every option.
 */
@Service
@Command(scope = "vm", name = "place", description = "Shows where a machine of a size would be placed, and why not elsewhere (dry run)")
public class PlaceCommand implements Action {

    @Reference
    PlacementService placement;

    @Option(name = "--memory", aliases = "-m", description = "Memory in MiB (required)")
    String memory;

    @Option(name = "--vcpus", aliases = "-c", description = "Virtual CPUs (default 1)")
    String vcpus;

    @Option(name = "--disk", aliases = "-d", description = "Disk size in GiB (required)")
    String disk;

    @Option(name = "--dry-run", description = "Decide and explain only (always so: vm:create places and creates)")
    boolean dryRun;

    @Override
    public Object execute() {
        PlacementRequest request = new PlacementRequest(TrailingOptions.number("--memory", memory, null, "MiB"),
                (int) TrailingOptions.number("--vcpus", vcpus, 1L, ""), TrailingOptions.number("--disk", disk, null, "GiB"));
        PlacementDecision d = placement.place(request, ShellCaller.current());
        System.out.println((d.host() == null ? "NO HOST" : "Host: " + d.host()) + " (weigher " + d.weigher()
                + (d.nPlusK() == 0 ? "" : ", N+" + d.nPlusK()) + "; dry run: nothing reserved)");
        System.out.println(d.summary());
        ShellTable table = new ShellTable();
        table.column("Host");
        table.column("State");
        table.column("Free MiB").alignRight();
        table.column("Memory MiB").alignRight();
        table.column("Reserved MiB").alignRight();
        table.column("Allocated MiB").alignRight();
        table.column("VMs").alignRight();
        table.column("Score").alignRight();
        table.column("Failed filters");
        for (HostAssessment h : d.hosts()) {
            table.addRow().addContent(h.host(), h.state(), h.freeMiB(), h.memoryMiB(), h.reservedMiB(), h.allocatedMiB(),
                    h.machines(), h.score() == null ? "-" : h.score(),
                    h.failed().isEmpty() ? "-" : h.failed().stream().map(FilterFailure::toString).collect(Collectors.joining("; ")));
        }
        table.print(System.out);
        return null;
    }
}
