package io.vmpool.api.queue;

import io.vmpool.api.Event;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.MachineSpec;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Creates that wait for capacity instead of failing (docs/waiting-list.md). Implemented in the core. */
@ProviderType
public interface WaitingListService {

    /**
     * Creates the machine as {@link io.vmpool.api.machine.MachineService#create} does; when the pool has no room
     * ({@link io.vmpool.api.machine.NoCapacityException}) keeps the request instead and says where it stands.
     * Every other refusal (invalid, forbidden, over quota, name taken) is thrown and nothing is kept.
     */
    Submission submit(MachineSpec spec, Caller caller);

    /** The waiting list in boot order: every request for an administrator, the caller's own otherwise. */
    List<QueuedRequest> list(Caller caller);

    /**
     * Takes a request off the list (its owner or an administrator).
     *
     * @throws io.vmpool.api.NotFoundException when there is no such request, or it is not the caller's
     */
    QueuedRequest cancel(String id, Caller caller);

    /** What happened to an owner's requests (queued, booted, expired, cancelled, dropped), newest first. */
    List<Event> events(String owner, Caller caller, int limit);
}
