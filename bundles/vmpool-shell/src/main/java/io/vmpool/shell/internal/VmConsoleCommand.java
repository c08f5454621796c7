package io.vmpool.shell.internal;

import io.vmpool.api.BackendException;
import io.vmpool.api.health.MachineConsoleService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** vm:console web1 --tail 20 — the last lines of a machine's serial console, for its owner or an admin. */
@Service
@Command(scope = "vm", name = "console", description = "Shows the last lines of a machine's serial console")
public class VmConsoleCommand extends MachineCommand {

    @Reference(optional = true)
    MachineConsoleService consoles;

    @Argument(index = 0, name = "name", description = "Machine name", required = true)
    @Completion(VmNameCompleter.class)
    String name;

    @Option(name = "--tail", aliases = "-n", description = "How many lines (default 50)")
    int tail = 50;

    @Override
    public Object execute() {
        machines.get(name, caller()); // not found unless the caller may see it
        if (consoles == null) {
            throw new BackendException("health", "no machine console capture is running: feature:install vmpool-health");
        }
        consoles.tail(name, tail).forEach(System.out::println);
        return null;
    }
}
