package io.vmpool.api.inventory;

import io.vmpool.api.Event;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Durable records of machines and events. Failures are {@link io.vmpool.api.BackendException}s.
 */
@ProviderType
public interface InventoryStore {

    /** @throws DuplicateNameException when a machine of that name is recorded */
    void insert(MachineRecord machine);

    Optional<MachineRecord> find(String name);

    /** Every machine, ordered by name. */
    List<MachineRecord> machines();

    /** Replaces the record of that name. @throws io.vmpool.api.NotFoundException if there is none */
    void update(MachineRecord machine);

    /** @return whether a record was removed */
    boolean delete(String name);

    void record(Event event);

    /** Events whose subject is {@code subject}, newest first, at most {@code limit}. */
    List<Event> events(String subject, int limit);
}
