package io.vmpool.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** vm:stop — Asks a machine's guest to shut down and waits for it. */
@Service
@Command(scope = "vm", name = "stop", description = "Asks a machine's guest to shut down and waits for it")
public class VmStopCommand extends MachineCommand {

    @Argument(index = 0, name = "name", description = "Machine name", required = true)
    @Completion(VmNameCompleter.class)
    String name;

    @Override
    public Object execute() {
        System.out.println(line(machines.stop(name, caller())));
        return null;
    }
}
