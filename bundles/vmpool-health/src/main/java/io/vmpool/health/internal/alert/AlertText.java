package io.vmpool.health.internal.alert;

import io.vmpool.api.health.Alert;

/** An alert in one line of words, as the sinks write it. */
public final class AlertText {
    private AlertText() {
    }

    /** {@code <cause> on <host>, now <state>[, <n> times from <first> to <last>]: <summary>} */
    public static String line(Alert alert) {
        String times = alert.count() > 1 ? ", " + alert.count() + " times from " + alert.first() + " to " + alert.last()
                : ", at " + alert.first();
        return alert.cause() + " on " + alert.host() + (alert.state() == null ? "" : ", now " + alert.state()) + times
                + ": " + alert.summary();
    }
}
