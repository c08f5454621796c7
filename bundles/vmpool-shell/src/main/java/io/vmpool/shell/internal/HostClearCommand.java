package io.vmpool.shell.internal;

import io.vmpool.api.health.HostHealth;
import io.vmpool.api.health.HostHealthService;
import io.vmpool.api.machine.MachineService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** host:clear host --reason "DIMM B2 replaced" — after the cause of FAILED or DEGRADED was dealt with: back to PROBATION. */
@Service
@Command(scope = "host", name = "clear", description = "Clears FAILED or DEGRADED after the cause was dealt with (back to PROBATION)")
public class HostClearCommand implements Action {

    @Reference
    MachineService machines;

    @Reference(optional = true)
    HostHealthService health;

    @Argument(index = 0, name = "host", required = true, description = "The host")
    String host;

    @Option(name = "--reason", aliases = "-r", required = true, description = "What was done about it (recorded)")
    String reason;

    @Override
    public Object execute() {
        HealthCommands.requireAdmin(machines, "host:clear");
        HostHealth h = HealthCommands.require(health).clear(host, ShellCaller.current().name(), reason);
        System.out.println(h.host() + " " + h.state() + " since " + h.since() + " (" + h.reason() + ")");
        return null;
    }
}
