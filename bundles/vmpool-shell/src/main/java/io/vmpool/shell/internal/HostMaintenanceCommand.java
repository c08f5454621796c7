package io.vmpool.shell.internal;

import io.vmpool.api.health.HostHealth;
import io.vmpool.api.health.HostHealthService;
import io.vmpool.api.machine.MachineService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** host:maintenance host — takes a host out of placement (its machines keep running); host:activate undoes it. */
@Service
@Command(scope = "host", name = "maintenance", description = "Puts a host in MAINTENANCE: no new machines go there")
public class HostMaintenanceCommand implements Action {

    @Reference
    MachineService machines;

    @Reference(optional = true)
    HostHealthService health;

    @Argument(index = 0, name = "host", required = true, description = "The host")
    String host;

    @Override
    public Object execute() {
        HealthCommands.requireAdmin(machines, "host:maintenance");
        HostHealth h = HealthCommands.require(health).maintenance(host, true, ShellCaller.current().name());
        System.out.println(h.host() + " " + h.state() + " since " + h.since() + " (" + h.reason() + ")");
        return null;
    }
}
