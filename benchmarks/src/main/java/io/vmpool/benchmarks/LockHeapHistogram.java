package io.vmpool.benchmarks;

import io.vmpool.api.lock.Lease;
import io.vmpool.lock.local.internal.LocalLockManager;
import io.vmpool.lock.local.internal.LocalLockManagers;
import java.util.Map;

/**
 * Not a benchmark: holds {@code args[0]} (default 1,000,000) local locks as LockManyHeldBenchmark does
 * and prints this JVM's heap class histogram ({@code jcmd <pid> GC.class_histogram}), to see what a held lock is made of.
 */
public final class LockHeapHistogram {
    private LockHeapHistogram() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        LocalLockManager manager = LocalLockManagers.start(Map.of());
        Lease[] held = new Lease[count];
        for (int i = 0; i < count; i++) {
            held[i] = manager.acquire(LockRequests.exclusive(HeldLocks.resource(i), "op-1:bench"));
        }
        new ProcessBuilder("jcmd", Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                .inheritIO().start().waitFor();
        System.out.printf("%,d leases held, the manager says %,d%n", held.length, manager.stats().held());
        LocalLockManagers.stop(manager);
    }
}
