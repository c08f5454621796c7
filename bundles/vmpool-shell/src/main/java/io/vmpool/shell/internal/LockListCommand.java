package io.vmpool.shell.internal;

import io.vmpool.api.lock.LockInfo;
import io.vmpool.api.lock.LockService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** lock:list — the locks held now in the active backend, optionally filtered. */
@Service
@Command(scope = "lock", name = "list", description = "Lists the locks held now (resource, owner, node, mode, token, since, expiry)")
public class LockListCommand implements Action {

    @Reference
    LockService locks;

    @Option(name = "--resource", aliases = "-r", description = "Only resources starting with this, e.g. machine:")
    String resource;

    @Option(name = "--owner", aliases = "-o", description = "Only owners containing this, e.g. alice")
    String owner;

    @Option(name = "--node", aliases = "-n", description = "Only locks held from this node")
    String node;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Resource", "Mode", "Owner", "Node", "Token", "Since", "Expires"}) {
            table.column(c);
        }
        for (LockInfo l : locks.active().held()) {
            if ((resource == null || l.resource().startsWith(resource)) && (owner == null || l.owner().contains(owner))
                    && (node == null || node.equals(l.node()))) {
                table.addRow().addContent(l.resource(), l.mode(), l.owner(), l.node(), l.token(), l.since(), l.expiresAt());
            }
        }
        table.print(System.out);
        return null;
    }
}
