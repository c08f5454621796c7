package io.vmpool.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** vm:delete — removes a machine's domain, disk and record. */
@Service
@Command(scope = "vm", name = "delete", description = "Deletes a machine: its domain, its disk and its record")
public class VmDeleteCommand extends MachineCommand {

    @Argument(index = 0, name = "name", description = "Machine name", required = true)
    @Completion(VmNameCompleter.class)
    String name;

    @Override
    public Object execute() {
        machines.delete(name, caller());
        System.out.println(name + " deleted");
        return null;
    }
}
