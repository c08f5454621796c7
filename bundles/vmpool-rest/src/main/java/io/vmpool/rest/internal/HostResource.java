package io.vmpool.rest.internal;

import io.vmpool.api.BackendException;
import io.vmpool.api.Event;
import io.vmpool.api.ForbiddenException;
import io.vmpool.api.NotFoundException;
import io.vmpool.api.health.ConsoleService;
import io.vmpool.api.health.HostHealth;
import io.vmpool.api.health.HostHealthService;
import io.vmpool.api.machine.HostStatus;
import io.vmpool.api.machine.MachineService;
import java.util.List;
import java.util.function.Supplier;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/**
 * {@code /hosts}: the pool's hosts with their memory accounting and health state; each host's health
 * (state, reason, latest observations) and its recorded health events, for administrators.
 */
@Path("/hosts")
@Produces(MediaType.APPLICATION_JSON)
public class HostResource {
    private final MachineService machines;
    private final Supplier<HostHealthService> health;
    private final Supplier<ConsoleService> consoles;

    HostResource(MachineService machines, Supplier<HostHealthService> health, Supplier<ConsoleService> consoles) {
        this.machines = machines;
        this.health = health;
        this.consoles = consoles;
    }

    @GET
    public List<HostStatus> list(@Context SecurityContext security) {
        return machines.hosts(CallerSecurityContext.callerOf(security));
    }

    @GET
    @Path("{name}/health")
    public HostHealth health(@PathParam("name") String name, @Context SecurityContext security) {
        admin(security);
        HostHealthService h = health.get();
        if (h == null) {
            throw new BackendException("health", "no health policy is running (feature vmpool-health)");
        }
        return h.health(name).orElseThrow(() -> new NotFoundException("the health policy has heard nothing of host " + name));
    }

    @GET
    @Path("{name}/console")
    public List<String> console(@PathParam("name") String name, @QueryParam("tail") @DefaultValue("50") int tail,
            @Context SecurityContext security) {
        admin(security);
        ConsoleService c = consoles.get();
        if (c == null) {
            throw new BackendException("health", "no console capture is running (feature vmpool-health)");
        }
        return c.tail(name, tail);
    }

    @GET
    @Path("{name}/events")
    public List<Event> events(@PathParam("name") String name, @QueryParam("limit") @DefaultValue("20") int limit,
            @Context SecurityContext security) {
        return machines.hostEvents(name, CallerSecurityContext.callerOf(security), limit);
    }

    private void admin(SecurityContext security) {
        if (!machines.isAdministrator(CallerSecurityContext.callerOf(security))) {
            throw new ForbiddenException("host health is for administrators (the core's adminRole)");
        }
    }
}
