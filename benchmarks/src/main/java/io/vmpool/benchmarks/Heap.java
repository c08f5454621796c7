package io.vmpool.benchmarks;

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

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }
}
