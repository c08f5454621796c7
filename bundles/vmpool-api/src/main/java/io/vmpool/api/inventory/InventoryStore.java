package io.vmpool.api.inventory;

import io.vmpool.api.Event;
import io.vmpool.api.host.HostFingerprint;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Durable records of machines, events, host fingerprints, the waiting list and unmet demand. Failures are {@link io.vmpool.api.BackendException}s.
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

    /**
     * Every subject with at least one event of {@code type}, by name: what a service that keeps its
     * state as events (the health policy's {@code host.state}) reads back at a start. @since 1.4
     */
    List<String> subjectsWithEvents(String type);

    /** Records the host's fingerprint, replacing the one recorded before. @since 1.2 */
    void putFingerprint(HostFingerprint fingerprint);

    /** The host's last recorded fingerprint. @since 1.2 */
    Optional<HostFingerprint> fingerprint(String host);

    /**
     * Puts a request at the end of the waiting list. @since 1.3
     *
     * @throws DuplicateNameException when a request for a machine of that name is waiting already
     */
    void enqueue(PendingRequest request);

    /** The waiting list, first in first out (the order requests were queued in). @since 1.3 */
    List<PendingRequest> pending();

    /** Takes a request off the waiting list. @return whether it was there @since 1.3 */
    boolean dequeue(String id);

    /** Records a create refused for lack of capacity. @since 1.3 */
    void recordDemand(UnmetDemand demand);

    /** Refused creates recorded after {@code since} (exclusive), oldest first. @since 1.3 */
    List<UnmetDemand> demandSince(java.time.Instant since);
}
