package io.vmpool.alert.mail.internal;

import io.vmpool.api.health.Alert;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * Alerts waiting for the mail thread, at most {@code maxQueuedAlerts}: {@link #add} never blocks; when the
 * queue is full it drops the oldest waiting alert and returns it, so the caller can log it.
 */
final class AlertQueue {
    private final LinkedBlockingDeque<Alert> waiting;

    AlertQueue(int capacity) {
        this.waiting = new LinkedBlockingDeque<>(capacity);
    }

    /** Adds at the end; returns the alert dropped to make room, or null. */
    synchronized Alert add(Alert alert) {
        // producers are serialised, the mail thread only removes: after one removal the offer succeeds
        Alert dropped = null;
        while (!waiting.offerLast(alert)) {
            Alert oldest = waiting.pollFirst();
            if (oldest != null) {
                dropped = oldest;
            }
        }
        return dropped;
    }

    /** The oldest waiting alert, waiting for one. */
    Alert next() throws InterruptedException {
        return waiting.takeFirst();
    }

    int size() {
        return waiting.size();
    }

    int clear() {
        int n = waiting.size();
        waiting.clear();
        return n;
    }
}
