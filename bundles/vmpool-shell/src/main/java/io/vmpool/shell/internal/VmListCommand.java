package io.vmpool.shell.internal;

import io.vmpool.api.machine.Machine;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** vm:list — the machines the shell user may see. */
@Service
@Command(scope = "vm", name = "list", description = "Lists your machines (every machine for an administrator)")
public class VmListCommand extends MachineCommand {

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("State");
        table.column("Host");
        table.column("Memory MiB").alignRight();
        table.column("vCPUs").alignRight();
        table.column("Disk GiB").alignRight();
        table.column("Owner");
        table.column("Note");
        for (Machine m : machines.list(caller())) {
            table.addRow().addContent(m.name(), m.state(), m.host(), m.memoryMiB(), m.vcpus(), m.diskGiB(), m.owner(),
                    m.stateReason() == null ? "" : m.stateReason());
        }
        table.print(System.out);
        return null;
    }
}
