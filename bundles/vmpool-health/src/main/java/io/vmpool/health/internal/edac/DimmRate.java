package io.vmpool.health.internal.edac;

import java.time.Duration;

/**
 * The corrected errors one DIMM had over the samples in the window: how many, over what span,
 * per hour, and whether its counter went backwards meanwhile (a reset: counted from zero again).
 */
public record DimmRate(DimmId id, String label, long correctedErrors, Duration span, double perHour,
        boolean counterReset) {
}
