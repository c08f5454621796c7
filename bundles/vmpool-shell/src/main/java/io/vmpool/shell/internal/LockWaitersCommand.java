package io.vmpool.shell.internal;

import io.vmpool.api.lock.LockService;
import io.vmpool.api.lock.LockWaiter;
import java.time.Duration;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** lock:waiters — who waits for which lock, since when, and for whom. */
@Service
@Command(scope = "lock", name = "waiters", description = "Lists the requests waiting for a lock and the owners they wait for")
public class LockWaitersCommand implements Action {

    @Reference
    LockService locks;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Resource", "Mode", "Owner", "Node", "Waiting", "Waits for"}) {
            table.column(c);
        }
        Instant now = Instant.now();
        for (LockWaiter w : locks.active().waiters()) {
            table.addRow().addContent(w.resource(), w.mode(), w.owner(), w.node(),
                    Duration.between(w.since(), now).toMillis() + " ms", String.join(", ", w.waitingFor()));
        }
        table.print(System.out);
        return null;
    }
}
