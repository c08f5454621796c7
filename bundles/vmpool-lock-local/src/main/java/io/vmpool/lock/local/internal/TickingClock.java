package io.vmpool.lock.local.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The monotonic clock the uncontended lock path reads: a volatile field that a daemon thread sets from
 * {@link System#nanoTime()} every tick, so a grant or a release costs one field read instead of a clock
 * call (which on this kind of virtual machine costs 25 to 60 ns, more than the rest of a grant).
 *
 * <p>Its reading is never ahead of the system clock and lags it by about a tick, more if the ticking
 * thread waits for a core. What reads it must therefore only use it where a late reading errs on the safe
 * side: a lease granted on it lapses up to the lag early (so only long leases are granted on it, see
 * {@link LocalSettings#tickingClockMinTtl()}), a lapse noticed on it is noticed late (the lease's own
 * {@code isValid()} reads the system clock), and a hold time measured on it is off by the lag (the mean
 * over many holds is not biased by the tick). Waits, renewals, the reaper and {@code isValid()} read the
 * system clock.
 *
 * <p>The thread ticks for a burst of {@code burstTicks} after it is woken, then stops and the field says
 * so; the next reader then reads the system clock itself and wakes the thread. An idle lock manager
 * therefore costs no wake-ups, and a busy one one unpark per burst.
 */
final class TickingClock implements AutoCloseable {
    private static final long STOPPED = Long.MIN_VALUE;

    private final long tickNanos;
    private final int burstTicks;
    private final Thread ticker;
    private volatile long now;
    private volatile boolean closed;
    private volatile long wakeUps; // written by the ticking thread only

    /** A clock ticking every {@code tickMicros} (> 0) for {@code burstTicks} (> 0) after each wake-up. */
    TickingClock(long tickMicros, int burstTicks) {
        this.tickNanos = TimeUnit.MICROSECONDS.toNanos(tickMicros);
        this.burstTicks = burstTicks;
        this.now = System.nanoTime(); // the thread's first burst is on its way
        this.ticker = new Thread(this::tick, "vmpool-lock-local-clock");
        ticker.setDaemon(true);
        ticker.start();
    }

    /** The clock's reading, in {@link System#nanoTime()}'s units; never ahead of it. */
    long now() {
        long t = now;
        if (t != STOPPED) {
            return t;
        }
        t = System.nanoTime();
        LockSupport.unpark(ticker);
        return t;
    }

    /** Stops the thread; harmless twice. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(ticker);
    }

    /** Whether the thread has stopped after its burst (the next reading wakes it), for tests. */
    boolean stopped() {
        return now == STOPPED;
    }

    /** How many times a reader woke the thread, for tests and the log. */
    long wakeUps() {
        return wakeUps;
    }

    /** Whether the ticking thread is alive, for tests. */
    boolean ticking() {
        return ticker.isAlive();
    }

    private void tick() {
        while (!closed) {
            for (int i = 0; i < burstTicks && !closed; i++) {
                now = System.nanoTime();
                LockSupport.parkNanos(this, tickNanos);
            }
            now = STOPPED;
            if (!closed) {
                LockSupport.park(this); // until a reader finds the clock stopped
                wakeUps++;
            }
        }
    }
}
