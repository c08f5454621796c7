package io.vmpool.lock.support;

import java.lang.ref.WeakReference;

/**
 * One thread's row of a lock manager's counters ({@link LockMetrics}, and the node's slot count of a
 * {@link LockSlots} built on them). A backend may look it up once ({@link LockMetrics#cell()}) and pass it
 * to each count of one acquire or one release, instead of one per-thread lookup per count. Only the thread
 * it was looked up on may pass it; it has nothing else to offer outside this package.
 */
public final class CounterCell {
    /**
     * Unused longs before and after a cell's own (64 bytes each side): cells of threads made one after the
     * other sit next to each other on the heap, and without them two threads' counters shared a cache line
     * (two threads' lock throughput was no more than one's).
     */
    private static final int PAD = 8;

    private final WeakReference<Thread> thread;
    private final int counters;
    private final long[] slots;

    CounterCell(Thread thread, int counters, int size) {
        this.thread = new WeakReference<>(thread);
        this.counters = counters;
        this.slots = new long[PAD + size + PAD];
    }

    /** Adds {@code delta} to counter {@code i}. */
    void add(int i, long delta) {
        int at = PAD + i;
        ThreadCounters.SLOT.setOpaque(slots, at, (long) ThreadCounters.SLOT.getOpaque(slots, at) + delta);
    }

    /** Raises maximum {@code i} to {@code value}. */
    void raise(int i, long value) {
        int at = PAD + counters + i;
        if (value > (long) ThreadCounters.SLOT.getOpaque(slots, at)) {
            ThreadCounters.SLOT.setOpaque(slots, at, value);
        }
    }

    /** Whether this is the calling thread's cell (the one it may pass). */
    public boolean ofCurrentThread() {
        return thread.refersTo(Thread.currentThread());
    }

    Thread thread() {
        return thread.get();
    }

    /** Slot {@code i} (counters, then maxima), read opaque. */
    long get(int i) {
        return (long) ThreadCounters.SLOT.getOpaque(slots, PAD + i);
    }

    /** Slot {@code i}, read volatile (a dead thread's last writes). */
    long getVolatile(int i) {
        return (long) ThreadCounters.SLOT.getVolatile(slots, PAD + i);
    }
}
