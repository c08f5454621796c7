package io.vmpool.shell.internal;

import io.vmpool.api.Event;
import io.vmpool.api.queue.QueuedRequest;
import io.vmpool.api.queue.WaitingListService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** vm:queue — the waiting list (yours, or every request for an administrator); cancels a request; its events. */
@Service
@Command(scope = "vm", name = "queue", description = "Shows the creates waiting for capacity (vm:create --wait), in boot order")
public class VmQueueCommand extends MachineCommand {

    @Reference
    WaitingListService waitingList;

    @Option(name = "--cancel", description = "Takes this request (its id) off the waiting list")
    String cancel;

    @Option(name = "--events", description = "What happened to the requests of an owner (default: you): queued, booted,"
            + " expired, cancelled, dropped")
    boolean events;

    @Option(name = "--owner", description = "With --events: whose (administrators only)")
    String owner;

    @Option(name = "--limit", description = "With --events: how many, newest first (default 20)")
    int limit = 20;

    @Override
    public Object execute() {
        if (cancel != null) {
            QueuedRequest q = waitingList.cancel(cancel, caller());
            System.out.println("cancelled request " + q.id() + " for machine " + q.spec().name() + " of " + q.owner());
            return null;
        }
        if (events) {
            ShellTable table = new ShellTable();
            table.column("Time");
            table.column("Type");
            table.column("By");
            table.column("Message");
            for (Event e : waitingList.events(owner, caller(), limit)) {
                table.addRow().addContent(e.time(), e.type(), e.actor() == null ? "" : e.actor(), e.message());
            }
            table.print(System.out);
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Pos").alignRight();
        table.column("Id");
        table.column("Owner");
        table.column("Name");
        table.column("Memory MiB").alignRight();
        table.column("vCPUs").alignRight();
        table.column("Disk GiB").alignRight();
        table.column("Since");
        table.column("Expires");
        for (QueuedRequest q : waitingList.list(caller())) {
            table.addRow().addContent(q.position(), q.id(), q.owner(), q.spec().name(), q.spec().memoryMiB(),
                    q.spec().vcpus(), q.spec().diskGiB(), q.since(), q.expires());
        }
        table.print(System.out);
        return null;
    }
}
