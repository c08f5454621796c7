package io.vmpool.shell.internal;

import io.vmpool.api.machine.Machine;
import io.vmpool.api.machine.MachineSpec;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** vm:create — places, creates and starts a machine. */
@Service
@Command(scope = "vm", name = "create", description = "Creates a machine on the host with the most free memory and starts it")
public class VmCreateCommand extends MachineCommand {

    @Argument(index = 0, name = "name", description = "Machine name: a lower-case letter, then up to 62 of a-z 0-9 -", required = true)
    String name;

    @Option(name = "--memory", aliases = "-m", description = "Memory in MiB", required = true)
    long memoryMiB;

    @Option(name = "--vcpus", aliases = "-c", description = "Virtual CPUs")
    int vcpus = 1;

    @Option(name = "--disk", aliases = "-d", description = "Disk size in GiB", required = true)
    long diskGiB;

    @Option(name = "--owner", description = "Owner account (administrators only; default: you)")
    String owner;

    @Override
    public Object execute() {
        Machine m = machines.create(new MachineSpec(name, memoryMiB, vcpus, diskGiB, owner), caller());
        System.out.println(line(m) + ", " + m.memoryMiB() + " MiB, " + m.vcpus() + " vCPU, disk " + m.volumeId());
        return null;
    }
}
