package io.vmpool.rest.internal;

import io.vmpool.api.Event;
import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.machine.Machine;
import io.vmpool.api.health.MachineConsoleService;
import io.vmpool.api.machine.MachineService;
import io.vmpool.api.queue.Submission;
import io.vmpool.api.queue.WaitingListService;
import java.net.URI;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

/** {@code /vms}: the caller's machines and what can be done to one. Everything is decided by the MachineService. */
@Path("/vms")
@Produces(MediaType.APPLICATION_JSON)
public class VmResource {
    private final MachineService machines;
    private final RestSettings settings;
    private final java.util.function.Supplier<MachineConsoleService> consoles;
    private java.util.function.Supplier<WaitingListService> waitingList = () -> null;

    VmResource(MachineService machines, RestSettings settings) {
        this(machines, settings, () -> null);
    }

    VmResource(MachineService machines, RestSettings settings, java.util.function.Supplier<MachineConsoleService> consoles) {
        this.consoles = consoles;
        this.machines = machines;
        this.settings = settings;
    }

    /** Where {@code "queue": true} creates go (the core's waiting list). */
    VmResource withWaitingList(java.util.function.Supplier<WaitingListService> w) {
        this.waitingList = w;
        return this;
    }

    @GET
    public List<Machine> list(@Context SecurityContext security) {
        return machines.list(CallerSecurityContext.callerOf(security));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateMachineRequest body, @Context UriInfo uri, @Context SecurityContext security) {
        if (body == null) {
            throw new InvalidRequestException("body", "required",
                    "POST /vms needs a JSON body like {\"name\":\"web1\",\"memoryMiB\":512,\"vcpus\":1,\"diskGiB\":2}");
        }
        if (body.mayWait()) {
            Submission s = QueueResource.service(waitingList).submit(body.toSpec(), CallerSecurityContext.callerOf(security));
            if (s.isQueued()) {
                // beside /vms, with the host the caller used (as the 201's Location)
                String vms = uri.getAbsolutePath().toString().replaceAll("/+$", "");
                URI queued = URI.create(vms).resolve("queue/").resolve(s.request().id());
                return Response.accepted(s.request()).location(queued).build();
            }
            URI location = uri.getAbsolutePathBuilder().path(s.machine().name()).build();
            return Response.created(location).entity(s.machine()).build();
        }
        Machine created = machines.create(body.toSpec(), CallerSecurityContext.callerOf(security));
        URI location = uri.getAbsolutePathBuilder().path(created.name()).build();
        return Response.created(location).entity(created).build();
    }

    @GET
    @Path("{name}")
    public Machine get(@PathParam("name") String name, @Context SecurityContext security) {
        return machines.get(name, CallerSecurityContext.callerOf(security));
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name, @Context SecurityContext security) {
        machines.delete(name, CallerSecurityContext.callerOf(security));
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/start")
    public Machine start(@PathParam("name") String name, @Context SecurityContext security) {
        return machines.start(name, CallerSecurityContext.callerOf(security));
    }

    @POST
    @Path("{name}/stop")
    public Machine stop(@PathParam("name") String name, @Context SecurityContext security) {
        return machines.stop(name, CallerSecurityContext.callerOf(security));
    }

    /** Cold-moves the machine (administrators): {@code {"targetHost":"host2"}}, or no body / {@code {}} for the scheduler's choice. */
    @POST
    @Path("{name}/move")
    @Consumes(MediaType.APPLICATION_JSON)
    public Machine move(@PathParam("name") String name, MoveRequest body, @Context SecurityContext security) {
        return machines.move(name, body == null ? null : body.targetHost(), CallerSecurityContext.callerOf(security));
    }

    @POST
    @Path("{name}/destroy")
    public Machine destroy(@PathParam("name") String name, @Context SecurityContext security) {
        return machines.destroy(name, CallerSecurityContext.callerOf(security));
    }

    @GET
    @Path("{name}/events")
    public List<Event> events(@PathParam("name") String name, @QueryParam("limit") String limit,
            @Context SecurityContext security) {
        return machines.events(name, CallerSecurityContext.callerOf(security), eventLimit(limit));
    }

    /** The last lines of the machine's serial console, for its owner or an administrator. */
    @GET
    @Path("{name}/console")
    public List<String> console(@PathParam("name") String name, @QueryParam("tail") @javax.ws.rs.DefaultValue("50") int tail,
            @Context SecurityContext security) {
        machines.get(name, CallerSecurityContext.callerOf(security)); // 404 unless the caller may see it
        MachineConsoleService c = consoles.get();
        if (c == null) {
            throw new io.vmpool.api.BackendException("health", "no machine console capture is running (feature vmpool-health)");
        }
        return c.tail(name, tail);
    }

    private int eventLimit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return settings.defaultEventLimit();
        }
        String rule = "1.." + settings.maxEventLimit() + " (" + RestConfiguration.PID + " maxEventLimit)";
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= settings.maxEventLimit()) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException("limit", rule,
                "limit must be a whole number from 1 to " + settings.maxEventLimit() + ", was '" + limit + "'");
    }
}
