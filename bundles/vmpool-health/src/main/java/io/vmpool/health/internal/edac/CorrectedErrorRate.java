package io.vmpool.health.internal.edac;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Per-DIMM corrected-error rate over a sliding window, from successive {@link EdacSample}s of one
 * host. Keeps the samples inside the window plus the newest one before it (the baseline). Errors
 * are the sum of the increases between consecutive samples; a counter that goes down was reset
 * (reset_counters, a driver reload, a reboot), so its new value counts as errors since the reset.
 * Not thread-safe: one per host, fed by its collector.
 */
public final class CorrectedErrorRate {
    private final Duration window;
    private final Deque<EdacSample> samples = new ArrayDeque<>();

    /** A calculator over {@code window} (io.vmpool.health.edac correctedRateWindowMinutes). */
    public CorrectedErrorRate(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the corrected-error rate window must be positive, was " + window
                    + " (io.vmpool.health.edac correctedRateWindowMinutes)");
        }
        this.window = window;
    }

    /** Adds a sample; samples must come in time order. */
    public void add(EdacSample sample) {
        EdacSample newest = samples.peekLast();
        if (newest != null && sample.takenAt().isBefore(newest.takenAt())) {
            throw new IllegalArgumentException("sample at " + sample.takenAt() + " is older than the last one, at "
                    + newest.takenAt());
        }
        samples.addLast(sample);
        Instant start = sample.takenAt().minus(window);
        while (samples.size() > 1 && !second().takenAt().isAfter(start)) {
            samples.removeFirst();
        }
    }

    /** The rate of every DIMM in the newest sample; a DIMM seen only once has 0 errors over no time. */
    public List<DimmRate> rates() {
        EdacSample newest = samples.peekLast();
        if (newest == null) {
            return List.of();
        }
        List<DimmRate> rates = new ArrayList<>();
        for (DimmCounters dimm : newest.dimms()) {
            rates.add(rate(dimm));
        }
        return rates;
    }

    private DimmRate rate(DimmCounters current) {
        long errors = 0;
        boolean reset = false;
        Instant first = null;
        Long previous = null;
        for (EdacSample sample : samples) {
            Optional<DimmCounters> dimm = sample.dimm(current.id());
            if (dimm.isEmpty()) {
                continue;
            }
            long count = dimm.get().correctedCount();
            if (previous == null) {
                first = sample.takenAt();
            } else if (count >= previous) {
                errors += count - previous;
            } else {
                errors += count;
                reset = true;
            }
            previous = count;
        }
        Duration span = Duration.between(first, samples.peekLast().takenAt());
        double perHour = span.isZero() ? 0 : errors * 3_600_000.0 / span.toMillis();
        return new DimmRate(current.id(), current.label(), errors, span, perHour, reset);
    }

    private EdacSample second() {
        var iterator = samples.iterator();
        iterator.next();
        return iterator.next();
    }
}
