package io.vmpool.shell.internal;

import io.vmpool.api.storage.StorageService.PoolSummary;
import io.vmpool.api.storage.Volume;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** storage:volumes [pool] — vmpool's volumes: id, machine, size, path. */
@Service
@Command(scope = "storage", name = "volumes", description = "Lists vmpool's volumes in one pool or all")
public class StorageVolumesCommand extends StorageCommand {

    @Argument(index = 0, name = "pool", description = "Only this pool (default: all)")
    String pool;

    @Override
    void run() {
        ShellTable table = new ShellTable();
        table.column("Volume");
        table.column("Machine");
        table.column("Size MiB").alignRight();
        table.column("Kind");
        table.column("Path");
        for (PoolSummary p : storage.pools()) {
            if (pool == null || pool.equals(p.id())) {
                for (Volume v : storage.volumes(p.id())) {
                    table.addRow().addContent(v.id(), v.machine(), mib(v.sizeBytes()), v.kind(), v.path());
                }
            }
        }
        if (pool != null && storage.pools().stream().noneMatch(p -> p.id().equals(pool))) {
            storage.volumes(pool); // says there is no such pool, naming those there are
        }
        table.print(System.out);
    }
}
