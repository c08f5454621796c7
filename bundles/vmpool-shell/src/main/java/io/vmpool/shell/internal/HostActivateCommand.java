package io.vmpool.shell.internal;

import io.vmpool.api.health.HostHealth;
import io.vmpool.api.health.HostHealthService;
import io.vmpool.api.machine.MachineService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** host:activate host — returns a host from MAINTENANCE to service. */
@Service
@Command(scope = "host", name = "activate", description = "Returns a host from MAINTENANCE to service")
public class HostActivateCommand implements Action {

    @Reference
    MachineService machines;

    @Reference(optional = true)
    HostHealthService health;

    @Argument(index = 0, name = "host", required = true, description = "The host")
    String host;

    @Override
    public Object execute() {
        HealthCommands.requireAdmin(machines, "host:activate");
        HostHealth h = HealthCommands.require(health).maintenance(host, false, ShellCaller.current().name());
        System.out.println(h.host() + " " + h.state() + " since " + h.since() + " (" + h.reason() + ")");
        return null;
    }
}
