package io.vmpool.lock.support;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A row of counters and maxima kept per thread: each thread adds to its own cell with plain (opaque)
 * stores, no compare-and-set and no shared cache line, and a reader sums the cells. What a
 * {@link java.util.concurrent.atomic.LongAdder} does with a CAS on its base on every add, which on the
 * lock path was the largest cost after the clock. A cell may go negative (a lock taken on one thread,
 * given back on another); only the sum means anything.
 *
 * <p>Reads are not atomic snapshots (like {@code LongAdder.sum()}): each counter is read once per cell,
 * so a counter that only grows is never read lower than an earlier read of it. A dead thread's cell is
 * folded into a total of retired cells at the next read and dropped, so memory follows the threads alive.
 */
final class ThreadCounters {
    static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private final int counters;
    private final int maxima;
    private final ThreadLocal<CounterCell> mine = ThreadLocal.withInitial(this::register);
    private final List<CounterCell> cells = new ArrayList<>(); // guarded by this
    private final long[] retired; // guarded by this: counters then maxima of dead threads' cells

    /** A row of {@code counters} sums and {@code maxima} maxima, all starting at 0. */
    ThreadCounters(int counters, int maxima) {
        this.counters = counters;
        this.maxima = maxima;
        this.retired = new long[counters + maxima];
    }

    /** The calling thread's cell. */
    CounterCell cell() {
        return mine.get();
    }

    /** The sum of counter {@code i} over every cell. */
    synchronized long sum(int i) {
        foldDeadCells();
        long sum = retired[i];
        for (CounterCell c : cells) {
            sum += c.get(i);
        }
        return sum;
    }

    /** The largest value of maximum {@code i} over every cell. */
    synchronized long max(int i) {
        foldDeadCells();
        int at = counters + i;
        long max = retired[at];
        for (CounterCell c : cells) {
            max = Math.max(max, c.get(at));
        }
        return max;
    }

    private synchronized CounterCell register() {
        CounterCell c = new CounterCell(Thread.currentThread(), counters, counters + maxima);
        cells.add(c);
        return c;
    }

    private void foldDeadCells() {
        for (Iterator<CounterCell> it = cells.iterator(); it.hasNext(); ) {
            CounterCell c = it.next();
            Thread t = c.thread();
            if (t == null || !t.isAlive()) { // it writes no more
                for (int i = 0; i < counters; i++) {
                    retired[i] += c.getVolatile(i);
                }
                for (int i = counters; i < retired.length; i++) {
                    retired[i] = Math.max(retired[i], c.getVolatile(i));
                }
                it.remove();
            }
        }
    }
}
