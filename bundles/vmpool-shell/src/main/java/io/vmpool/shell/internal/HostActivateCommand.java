package io.vmpool.shell.internal;

import io.vmpool.api.health.HostHealthService;
import io.vmpool.api.machine.EvacuationService;
import io.vmpool.api.machine.HostStatus;
import io.vmpool.api.machine.MachineService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** host:activate host — returns a host from MAINTENANCE to service (its machines moved off stay where they are). */
@Service
@Command(scope = "host", name = "activate", description = "Returns a host from MAINTENANCE to service")
public class HostActivateCommand implements Action {

    @Reference
    MachineService machines;

    @Reference
    EvacuationService evacuations;

    @Reference(optional = true)
    HostHealthService health;

    @Argument(index = 0, name = "host", required = true, description = "The host")
    String host;

    @Override
    public Object execute() {
        HealthCommands.requireAdmin(machines, "host:activate");
        HostStatus s = evacuations.activate(host, ShellCaller.current());
        System.out.println(s.name() + " " + s.health() + (s.problem() == null ? "" : " (" + s.problem() + ")")
                + ": back in service, " + s.freeMiB() + " MiB free, " + s.machines() + " machine(s)");
        if (health != null) {
            health.health(host).ifPresent(h -> System.out.println(h.host() + " " + h.state() + " since " + h.since()
                    + " (" + h.reason() + ")"));
        }
        return null;
    }
}
