package io.vmpool.core.internal.queue;

import io.vmpool.api.health.Alert;
import java.time.Instant;
import java.util.List;

/** Alerts about the pool as a whole (no host of their own, no host state): host {@value #HOST}. */
final class PoolAlerts {
    static final String HOST = "pool";

    private PoolAlerts() {
    }

    static Alert of(String cause, int count, Instant first, Instant last, String summary, List<String> evidence) {
        return new Alert(HOST, cause, null, count, first, last, summary, evidence);
    }
}
