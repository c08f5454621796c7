package io.vmpool.api.health;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Takes what collectors see. Implemented by the health policy; called by every collector (those in
 * vmpool-health, and the core's heartbeat). Must not block: it queues and returns.
 */
@ProviderType
public interface HealthObserver {

    void observe(HealthObservation observation);
}
