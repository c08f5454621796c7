package io.vmpool.shell.internal;

import io.vmpool.api.machine.Machine;
import io.vmpool.api.machine.MachineSpec;
import io.vmpool.api.queue.QueuedRequest;
import io.vmpool.api.queue.Submission;
import io.vmpool.api.queue.WaitingListService;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * vm:create — places, creates and starts a machine. Karaf stops reading options at the first
 * argument, so options written after the name ({@code vm:create web1 --memory 512 --disk 2})
 * arrive as trailing arguments and are read by {@link TrailingOptions}.
 */
@Service
@Command(scope = "vm", name = "create", description = "Creates a machine on the host with the most free memory and starts it")
public class VmCreateCommand extends MachineCommand {

    @Argument(index = 0, name = "name", description = "Machine name: a lower-case letter, then up to 62 of a-z 0-9 -",
            required = true)
    String name;

    @Argument(index = 1, name = "options", multiValued = true,
            description = "The options below may also follow the name: web1 --memory 512 --vcpus 1 --disk 2")
    List<String> trailing;

    @Option(name = "--memory", aliases = "-m", description = "Memory in MiB (required)")
    String memory;

    @Option(name = "--vcpus", aliases = "-c", description = "Virtual CPUs (default 1)")
    String vcpus;

    @Option(name = "--disk", aliases = "-d", description = "Disk size in GiB (required)")
    String disk;

    @Option(name = "--owner", description = "Owner account (administrators only; default: you)")
    String owner;

    @Option(name = "--pool", aliases = "-p", description = "Storage pool of the disk (default: the core's "
            + "defaultStoragePool; storage:list shows them)")
    String pool;

    @Option(name = "--wait", aliases = "-w", description = "When the pool has no room, keep the request on the waiting list"
            + " and boot it when capacity appears (vm:queue shows it)")
    boolean waitForRoom;

    @Reference
    WaitingListService waitingList;

    @Override
    public Object execute() {
        TrailingOptions t = TrailingOptions.parse(trailing, List.of("--memory", "-m", "--vcpus", "-c", "--disk", "-d", "--owner",
                "--pool", "-p"), List.of("--wait", "-w"));
        long memoryMiB = TrailingOptions.number("--memory", t.value("--memory", "-m", memory), null, "MiB");
        int cpus = (int) TrailingOptions.number("--vcpus", t.value("--vcpus", "-c", vcpus), 1L, "");
        long diskGiB = TrailingOptions.number("--disk", t.value("--disk", "-d", disk), null, "GiB");
        String who = t.value("--owner", null, owner);
        String onPool = t.value("--pool", "-p", pool);
        MachineSpec spec = new MachineSpec(name, memoryMiB, cpus, diskGiB, who, onPool);
        if (t.flag("--wait", waitForRoom) || t.flag("-w", false)) {
            Submission s = waitingList.submit(spec, caller());
            if (s.isQueued()) {
                QueuedRequest q = s.request();
                System.out.println(name + " QUEUED at position " + q.position() + " (request " + q.id() + ", expires "
                        + q.expires() + "): " + q.reason());
                return null;
            }
            print(s.machine());
            return null;
        }
        print(machines.create(spec, caller()));
        return null;
    }

    private static void print(Machine m) {
        System.out.println(line(m) + ", " + m.memoryMiB() + " MiB, " + m.vcpus() + " vCPU, disk " + m.volumeId());
    }
}
