package io.vmpool.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** vm:start — Starts a stopped machine (defining its domain again if the host forgot it). */
@Service
@Command(scope = "vm", name = "start", description = "Starts a stopped machine (defining its domain again if the host forgot it)")
public class VmStartCommand extends MachineCommand {

    @Argument(index = 0, name = "name", description = "Machine name", required = true)
    @Completion(VmNameCompleter.class)
    String name;

    @Override
    public Object execute() {
        System.out.println(line(machines.start(name, caller())));
        return null;
    }
}
