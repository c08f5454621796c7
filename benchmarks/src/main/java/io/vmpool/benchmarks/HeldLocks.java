package io.vmpool.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * {@code count} locks taken one after the other and kept (leases or lock objects in an array made
 * beforehand), and the heap after a full GC before and after: printed as a {@code HELD-LOCKS} line
 * after the iteration. Running out of heap is reported the same way, with how many were held by then.
 */
@State(Scope.Benchmark)
public class HeldLocks {
    /** Takes the lock of the {@code i}-th resource and returns what keeps it held. */
    interface Take {
        Object lock(int i) throws Exception;
    }

    @Param("10000000")
    public int count;

    private Object[] holds;
    private long emptyHeap;
    private String took = "";

    /** The {@code i}-th resource: {@code machine:vm-<i>}, made while taking it. */
    static String resource(int i) {
        return "machine:vm-" + i;
    }

    @Setup(Level.Iteration)
    public void measureEmpty() {
        holds = new Object[count];
        emptyHeap = Heap.usedAfterGc();
    }

    /** Takes all {@code count} locks; on OutOfMemoryError runs {@code drop} (which lets go of the lock table) and fails. */
    void takeAll(Take take, Runnable drop) throws Exception {
        long start = System.nanoTime();
        long gcStart = Heap.gcMillis();
        int i = 0;
        try {
            for (; i < count; i++) {
                holds[i] = take.lock(i);
            }
            took = since(start, gcStart);
        } catch (OutOfMemoryError e) {
            holds = null;
            drop.run();
            String line = String.format("HELD-LOCKS OutOfMemoryError after %,d of %,d locks, %s, -Xmx %s", i, count,
                    since(start, gcStart), Heap.mib(Runtime.getRuntime().maxMemory()));
            System.out.println(line);
            throw new IllegalStateException(line, e);
        }
    }

    private static String since(long startNanos, long gcStartMillis) {
        return String.format("%.1f s (of which in GC %.1f s)", (System.nanoTime() - startNanos) / 1e9,
                (Heap.gcMillis() - gcStartMillis) / 1e3);
    }

    /** Fails unless the lock table says it holds {@code held} locks, all of them. */
    void expectHeld(long held) {
        if (held != count) {
            throw new IllegalStateException("expected " + count + " held locks, the table says " + held);
        }
    }

    @TearDown(Level.Iteration)
    public void report(BenchmarkParams params) {
        if (holds == null) {
            return; // ran out of memory, reported then
        }
        long used = Heap.usedAfterGc();
        String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        System.out.printf("HELD-LOCKS %s: %,d locks held, taken in %s; heap after full GC %s (before taking them %s, "
                + "-Xmx %s): %.0f bytes per held lock%n", name, count, took, Heap.mib(used), Heap.mib(emptyHeap),
                Heap.mib(Runtime.getRuntime().maxMemory()), (used - emptyHeap) / (double) count);
        holds = null;
    }
}
