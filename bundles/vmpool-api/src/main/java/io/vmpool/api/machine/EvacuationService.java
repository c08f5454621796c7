package io.vmpool.api.machine;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Maintenance of a host: no new machines go there, and its machines are moved off by cold moves
 * ({@link MachineService#move}) to hosts the scheduler chooses; {@link #activate} returns it to service.
 * For administrators (others get {@link io.vmpool.api.ForbiddenException}). Implemented by the core.
 *
 * @since 1.5
 */
@ProviderType
public interface EvacuationService {

    /**
     * Puts the host in maintenance (the health policy's MAINTENANCE when it runs, and the core's own flag) and
     * starts draining it; returns the task at once. A drain already running on the host is returned as it is.
     */
    Evacuation evacuate(String host, Caller caller);

    /** @throws io.vmpool.api.NotFoundException when no task has that id */
    Evacuation task(String id, Caller caller);

    /** The host's drains, newest first (empty if it never had one). */
    List<Evacuation> tasks(String host, Caller caller);

    /** Takes the host out of maintenance (machines moved off stay where they are); returns its status. */
    HostStatus activate(String host, Caller caller);
}
