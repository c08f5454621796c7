package io.vmpool.shell.internal;

import io.vmpool.api.machine.Evacuation;
import io.vmpool.api.machine.EvacuationService;
import io.vmpool.api.machine.MachineService;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** host:evacuation host — the host's latest drain, machine by machine. */
@Service
@Command(scope = "host", name = "evacuation", description = "Shows the latest evacuation of a host: each machine's state and target")
public class HostEvacuationCommand implements Action {

    @Reference
    MachineService machines;

    @Reference
    EvacuationService evacuations;

    @Argument(index = 0, name = "host", required = true, description = "The host")
    String host;

    @Override
    public Object execute() {
        HealthCommands.requireAdmin(machines, "host:evacuation");
        List<Evacuation> tasks = evacuations.tasks(host, ShellCaller.current());
        if (tasks.isEmpty()) {
            System.out.println(host + " has not been evacuated since the core started");
            return null;
        }
        Evacuation e = tasks.get(0);
        System.out.println(EvacuationLines.header(e));
        EvacuationLines.table(e);
        System.out.println(EvacuationLines.summary(e));
        return null;
    }
}
