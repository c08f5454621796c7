package io.vmpool.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/** Heap in use after full collections, as the MemoryMXBean reports it. */
final class Heap {
    private Heap() {
    }

    /** Bytes used after three {@code System.gc()} calls (full collections with G1 unless -XX:+ExplicitGCInvokesConcurrent). */
    static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Milliseconds all collectors have spent in collections so far (pauses, plus G1's full GCs). */
    static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }
}
