package io.vmpool.shell.internal;

import io.vmpool.api.machine.HostStatus;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** host:list — every pool host with its memory: total, reserved, allocated to machines, free. */
@Service
@Command(scope = "host", name = "list", description = "Lists the pool's hosts with their memory accounting")
public class HostListCommand extends MachineCommand {

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Host");
        table.column("State");
        table.column("Health");
        table.column("CPUs").alignRight();
        table.column("Memory MiB").alignRight();
        table.column("Reserved MiB").alignRight();
        table.column("Allocated MiB").alignRight();
        table.column("Free MiB").alignRight();
        table.column("VMs").alignRight();
        table.column("URI");
        for (HostStatus h : machines.hosts(caller())) {
            String state = h.problem() == null ? "UP" : (h.reachable() ? "NO NEW VMS: " : "DOWN: ") + h.problem();
            table.addRow().addContent(h.name(), state, h.health(), h.cpus(), h.memoryMiB(),
                    h.reservedMiB(), h.allocatedMiB(), h.freeMiB(), h.machines(), h.uri());
        }
        table.print(System.out);
        return null;
    }
}
