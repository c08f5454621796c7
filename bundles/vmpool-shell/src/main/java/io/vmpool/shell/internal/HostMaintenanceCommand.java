package io.vmpool.shell.internal;

import io.vmpool.api.machine.Evacuation;
import io.vmpool.api.machine.Evacuation.Item;
import io.vmpool.api.machine.EvacuationService;
import io.vmpool.api.machine.MachineService;
import java.util.HashMap;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * host:maintenance host — no new machines go to the host, and its machines are moved off one by one (docs/evacuation.md),
 * a line per machine as it goes; host:activate returns it to service.
 */
@Service
@Command(scope = "host", name = "maintenance", description = "Puts a host in MAINTENANCE (no new machines) and moves its"
        + " machines off to the hosts the scheduler chooses")
public class HostMaintenanceCommand implements Action {
    private static final long POLL_MILLIS = 200;

    @Reference
    MachineService machines;

    @Reference
    EvacuationService evacuations;

    @Argument(index = 0, name = "host", required = true, description = "The host")
    String host;

    @Option(name = "--no-wait", description = "Start the drain and return; host:evacuation shows its progress")
    boolean noWait;

    @Override
    public Object execute() throws InterruptedException {
        HealthCommands.requireAdmin(machines, "host:maintenance");
        Evacuation e = evacuations.evacuate(host, ShellCaller.current());
        System.out.println(host + " in MAINTENANCE: no new machines until host:activate " + host);
        System.out.println(EvacuationLines.header(e));
        Map<String, Item> shown = new HashMap<>();
        while (true) {
            for (Item i : e.machines()) {
                if (!i.equals(shown.get(i.machine())) && i.state() != Evacuation.ItemState.PENDING) {
                    System.out.println(EvacuationLines.item(i));
                    shown.put(i.machine(), i);
                }
            }
            if (e.done() || noWait) {
                break;
            }
            Thread.sleep(POLL_MILLIS); // between polls of the task; Ctrl-C leaves the drain running
            e = evacuations.task(e.id(), ShellCaller.current());
        }
        System.out.println(EvacuationLines.summary(e));
        return null;
    }
}
