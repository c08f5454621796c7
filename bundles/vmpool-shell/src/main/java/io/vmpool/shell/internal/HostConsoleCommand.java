package io.vmpool.shell.internal;

import io.vmpool.api.BackendException;
import io.vmpool.api.health.ConsoleService;
import io.vmpool.api.machine.MachineService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** host:console host [--tail N] — the last lines of a host's captured serial console. */
@Service
@Command(scope = "host", name = "console", description = "Shows the last lines of a host's captured serial console")
public class HostConsoleCommand implements Action {

    @Reference
    MachineService machines;

    @Reference(optional = true)
    ConsoleService consoles;

    @Argument(index = 0, name = "host", required = true, description = "The host")
    String host;

    @Option(name = "--tail", aliases = "-n", description = "How many lines (default 50)")
    int tail = 50;

    @Override
    public Object execute() {
        HealthCommands.requireAdmin(machines, "host:console");
        if (consoles == null) {
            throw new BackendException("health", "no console capture is running: feature:install vmpool-health");
        }
        consoles.tail(host, tail).forEach(System.out::println);
        return null;
    }
}
