package io.vmpool.shell.internal;

import io.vmpool.api.storage.StorageService.PoolSummary;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** storage:list — every storage pool: kind, default, size, free, volumes. */
@Service
@Command(scope = "storage", name = "list", description = "Lists the storage pools with their space and volume counts")
public class StorageListCommand extends StorageCommand {

    @Override
    void run() {
        ShellTable table = new ShellTable();
        table.column("Pool");
        table.column("Kind");
        table.column("Default");
        table.column("Size MiB").alignRight();
        table.column("Allocated MiB").alignRight();
        table.column("Free MiB").alignRight();
        table.column("Volumes").alignRight();
        table.column("Problem");
        for (PoolSummary p : storage.pools()) {
            table.addRow().addContent(p.id(), p.kind(), p.defaultPool() ? "yes" : "", mib(p.capacity().totalBytes()),
                    mib(p.capacity().allocatedBytes()), mib(p.capacity().freeBytes()), p.volumes(),
                    p.problem() == null ? "" : p.problem());
        }
        table.print(System.out);
    }
}
