package io.vmpool.shell.internal;

import io.vmpool.api.Event;
import io.vmpool.api.machine.Machine;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** vm:info — one machine in full, with its recent events. */
@Service
@Command(scope = "vm", name = "info", description = "Shows one machine and its recent events")
public class VmInfoCommand extends MachineCommand {

    @Argument(index = 0, name = "name", description = "Machine name", required = true)
    @Completion(VmNameCompleter.class)
    String name;

    @Option(name = "--events", description = "How many recent events to show")
    int events = 10;

    @Override
    public Object execute() {
        Machine m = machines.get(name, caller());
        System.out.println("Name      : " + m.name());
        System.out.println("State     : " + m.state() + (m.stateReason() == null ? "" : " (" + m.stateReason() + ")"));
        System.out.println("Host      : " + m.host());
        System.out.println("Owner     : " + m.owner());
        System.out.println("Memory    : " + m.memoryMiB() + " MiB");
        System.out.println("vCPUs     : " + m.vcpus());
        System.out.println("Disk      : " + m.diskGiB() + " GiB (" + m.volumeId() + ")");
        System.out.println("Created   : " + m.createdAt());
        if (events > 0) {
            System.out.println("Events    :");
            for (Event e : machines.events(name, caller(), events)) {
                System.out.println("  " + e.time() + "  " + e.type() + "  " + e.actor() + "  " + e.message());
            }
        }
        return null;
    }
}
