package io.vmpool.api.inventory;

import io.vmpool.api.Event;
import io.vmpool.api.host.HostFingerprint;
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

    /**
     * The inventory's fencing check for a machine: atomically records {@code token} as the
     * highest seen for the machine, unless a higher one was recorded already.
     *
     * @throws io.vmpool.api.lock.StaleTokenException when a higher token was recorded: a newer
     *         lock holder acted on this machine, so the caller's lease is stale
     * @throws io.vmpool.api.NotFoundException when no such machine is recorded
     */
    void advanceFence(String machine, long token);

    void record(Event event);

    /** Events whose subject is {@code subject}, newest first, at most {@code limit}. */
    List<Event> events(String subject, int limit);

    /** Records the host's fingerprint, replacing the one recorded before. @since 1.2 */
    void putFingerprint(HostFingerprint fingerprint);

    /** The host's last recorded fingerprint. @since 1.2 */
    Optional<HostFingerprint> fingerprint(String host);
}
