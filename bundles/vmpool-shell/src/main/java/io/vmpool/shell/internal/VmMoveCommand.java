package io.vmpool.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** vm:move name [--to host] — cold-moves a machine to another host (administrators; docs/evacuation.md). */
@Service
@Command(scope = "vm", name = "move", description = "Moves a machine to another host (shut down, disk handed over, "
        + "started there if it ran); without --to the scheduler chooses")
public class VmMoveCommand extends MachineCommand {

    @Argument(index = 0, name = "name", description = "Machine name", required = true)
    @Completion(VmNameCompleter.class)
    String name;

    @Argument(index = 1, name = "options", multiValued = true, required = false,
            description = "--to may also follow the name: web1 --to host2")
    List<String> trailing;

    @Option(name = "--to", aliases = "-t", description = "Target host (default: the scheduler's choice among the others)")
    String to;

    @Override
    public Object execute() {
        String target = TrailingOptions.parse(trailing, List.of("--to", "-t")).value("--to", "-t", to);
        System.out.println(line(machines.move(name, target, caller())));
        return null;
    }
}
