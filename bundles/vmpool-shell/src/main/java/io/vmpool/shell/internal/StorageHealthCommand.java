package io.vmpool.shell.internal;

import io.vmpool.api.storage.MetadataHeadroom;
import io.vmpool.api.storage.StorageHealth;
import io.vmpool.api.storage.StorageReport;
import io.vmpool.api.storage.StorageService.PoolSummary;
import io.vmpool.api.storage.Volume;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * storage:health [pool] — per pool: volumes, space, metadata headroom ("about N more volumes",
 * percent free) and warnings; then the orphans and missing volumes the reconciliation finds.
 */
@Service
@Command(scope = "storage", name = "health", description = "Shows each pool's space, metadata headroom, warnings, "
        + "orphan volumes and machines whose volume is gone")
public class StorageHealthCommand extends StorageCommand {

    @Argument(index = 0, name = "pool", description = "Only this pool (default: all)")
    String pool;

    @Override
    void run() {
        for (PoolSummary p : storage.pools()) {
            if (pool == null || pool.equals(p.id())) {
                print(storage.health(p.id()), p.kind());
            }
        }
        if (pool != null && storage.pools().stream().noneMatch(p -> p.id().equals(pool))) {
            storage.health(pool); // says there is no such pool, naming those there are
        }
        StorageReport r = storage.reconcile();
        System.out.println("orphan volumes (vmpool's, no machine records them): "
                + (r.orphans().isEmpty() ? "none" : ""));
        for (Volume v : r.orphans()) {
            System.out.println("  " + v.id() + " (" + mib(v.sizeBytes()) + " MiB, machine " + v.machine() + ")");
        }
        System.out.println("machines whose volume is gone: " + (r.missing().isEmpty() ? "none" : ""));
        r.missing().forEach(m -> System.out.println("  " + m.machine() + ": " + m.volumeId()));
        if (!r.unavailable().isEmpty()) {
            System.out.println("not checked, their pool is not available: " + r.unavailable());
        }
    }

    private static void print(StorageHealth h, String kind) {
        System.out.println(h.pool() + " (" + kind + "): " + h.volumes() + " volumes, " + mib(h.capacity().freeBytes())
                + " of " + mib(h.capacity().totalBytes()) + " MiB free");
        MetadataHeadroom m = h.metadata();
        if (m != null) {
            System.out.println("  metadata: about " + m.volumesLeft() + " more volumes (" + m.percentFree()
                    + "% of the usable area free: " + m.freeBytes() + " of " + m.usableBytes() + " bytes; area "
                    + m.areaBytes() + " bytes x " + m.areas() + ", ~" + m.bytesPerVolume() + " bytes per volume)"
                    + (m.warning() ? "  WARNING" : ""));
        }
        h.warnings().forEach(w -> System.out.println("  WARNING: " + w));
    }
}
