package io.vmpool.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** vm:destroy — Forces a machine off (like pulling the plug). */
@Service
@Command(scope = "vm", name = "destroy", description = "Forces a machine off (like pulling the plug)")
public class VmDestroyCommand extends MachineCommand {

    @Argument(index = 0, name = "name", description = "Machine name", required = true)
    @Completion(VmNameCompleter.class)
    String name;

    @Override
    public Object execute() {
        System.out.println(line(machines.destroy(name, caller())));
        return null;
    }
}
