package io.vmpool.health.internal.collect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Corrected machine-check records seen from one source over a sliding window, and whether their rate
 * (records in the window divided by the window in hours) has just gone over the threshold. Not
 * thread-safe: one per collector.
 */
public final class CorrectedRecordRate {
    private final Duration window;
    private final double perHourThreshold;
    private final Deque<Instant> seen = new ArrayDeque<>();
    private boolean over;

    public CorrectedRecordRate(Duration window, double perHourThreshold) {
        this.window = window;
        this.perHourThreshold = perHourThreshold;
    }

    /** Counts a record seen at {@code at}; true when this one takes the rate over the threshold. */
    public boolean add(Instant at) {
        seen.addLast(at);
        Instant start = at.minus(window);
        while (!seen.isEmpty() && !seen.peekFirst().isAfter(start)) {
            seen.removeFirst();
        }
        boolean wasOver = over;
        over = perHour() > perHourThreshold;
        return over && !wasOver;
    }

    public int count() {
        return seen.size();
    }

    public double perHour() {
        return seen.size() * 3_600_000.0 / window.toMillis();
    }
}
