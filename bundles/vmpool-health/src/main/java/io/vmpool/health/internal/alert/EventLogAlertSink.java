package io.vmpool.health.internal.alert;

import io.vmpool.api.Event;
import io.vmpool.api.health.Alert;
import io.vmpool.api.health.AlertSink;
import io.vmpool.api.inventory.InventoryStore;
import io.vmpool.health.internal.policy.Evidence;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Keeps every alert as an event {@value #TYPE} on subject {@code host:<name>} in the inventory, where
 * {@code health:events} and REST list them beside the host's state changes.
 */
@Component(service = AlertSink.class, property = AlertSink.NAME_PROPERTY + "=eventlog")
public final class EventLogAlertSink implements AlertSink {
    public static final String TYPE = "alert";
    static final String ACTOR = "vmpool-health";

    private final InventoryStore inventory;

    @Activate
    public EventLogAlertSink(@Reference InventoryStore inventory) {
        this.inventory = inventory;
    }

    @Override
    public void deliver(Alert alert) {
        inventory.record(new Event(alert.last(), "host:" + alert.host(), TYPE, ACTOR,
                AlertText.line(alert) + "; evidence: " + Evidence.firstLines(alert.evidence(), alert.evidence().size())));
    }
}
