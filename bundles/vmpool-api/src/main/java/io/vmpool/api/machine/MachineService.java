package io.vmpool.api.machine;

import io.vmpool.api.Event;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What every front door calls. Each method validates its input, checks that the caller may act on
 * the machine (its owner, or an administrator) and either completes or leaves nothing behind.
 * Errors are {@link io.vmpool.api.VmpoolException} subclasses.
 */
@ProviderType
public interface MachineService {

    /** Validates, places, creates the disk, defines and starts the domain; returns it RUNNING. */
    Machine create(MachineSpec spec, Caller caller);

    Machine get(String name, Caller caller);

    /** The caller's machines, or every machine for an administrator. */
    List<Machine> list(Caller caller);

    Machine start(String name, Caller caller);

    /** Asks the guest to shut down (ACPI) and records it STOPPED. */
    Machine stop(String name, Caller caller);

    /** Forces the machine off. */
    Machine destroy(String name, Caller caller);

    /** Removes domain, disk and record. */
    void delete(String name, Caller caller);

    /**
     * Cold-moves the machine to {@code targetHost} (null: the scheduler chooses among the other hosts), for
     * administrators: shut down, off the source, disk over, on the target, started again if it was running (a
     * stopped machine stays stopped). Any failure leaves it where it was, as it was (docs/evacuation.md).
     *
     * @throws io.vmpool.api.InvalidRequestException when the target is the machine's own host
     * @throws NoCapacityException when no other host (or not the one named) can take it
     * @since 1.5
     */
    Machine move(String name, String targetHost, Caller caller);

    /** Recent events about the machine, newest first. */
    List<Event> events(String name, Caller caller, int limit);

    /**
     * The latest events of a pool host, newest first: health state changes ({@code host.state}) and
     * alerts ({@code alert}), for administrators (others get {@link io.vmpool.api.ForbiddenException}).
     *
     * @since 1.3
     */
    List<Event> hostEvents(String host, Caller caller, int limit);

    /** The pool's hosts with their memory accounting. */
    List<HostStatus> hosts(Caller caller);

    /** Whether the caller holds the administrator role (configured in the core, {@code adminRole}). */
    boolean isAdministrator(Caller caller);
}
