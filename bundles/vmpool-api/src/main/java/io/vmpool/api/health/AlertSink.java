package io.vmpool.api.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Delivers alerts somewhere: the log, the persisted event log, mail. Every registered sink gets every
 * alert; a sink that fails is logged and retried by the policy at the next window, never blocking the
 * others. Service property {@value #NAME_PROPERTY} names it in messages.
 */
@ConsumerType
public interface AlertSink {
    String NAME_PROPERTY = "vmpool.alert.sink";

    void deliver(Alert alert);
}
