package io.vmpool.rest.internal;

import io.vmpool.api.BackendException;
import io.vmpool.api.Event;
import io.vmpool.api.ForbiddenException;
import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.NotFoundException;
import io.vmpool.api.health.ConsoleService;
import io.vmpool.api.health.HostHealth;
import io.vmpool.api.health.HostHealthService;
import io.vmpool.api.host.AdmissionReport;
import io.vmpool.api.host.FingerprintDiff;
import io.vmpool.api.host.HostAdmissionService;
import io.vmpool.api.host.HostFingerprint;
import io.vmpool.api.machine.Evacuation;
import io.vmpool.api.machine.EvacuationService;
import io.vmpool.api.machine.HostStatus;
import io.vmpool.api.machine.MachineService;
import java.util.List;
import java.util.function.Supplier;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
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
    private final Supplier<HostAdmissionService> admission;
    private Supplier<EvacuationService> evacuations = () -> null;

    HostResource(MachineService machines, Supplier<HostHealthService> health, Supplier<ConsoleService> consoles,
            Supplier<HostAdmissionService> admission) {
        this.admission = admission;
        this.machines = machines;
        this.health = health;
        this.consoles = consoles;
    }

    /** Where host maintenance and drains go (the core). */
    HostResource withEvacuations(Supplier<EvacuationService> e) {
        this.evacuations = e;
        return this;
    }

    /** host:maintenance: no new machines, and the drain starts: 202 with the task (also at {@code /tasks/{id}}). */
    @POST
    @Path("{name}/maintenance")
    public Response maintenance(@PathParam("name") String name, @Context SecurityContext security, @Context UriInfo uri) {
        Evacuation task = TaskResource.service(evacuations).evacuate(name, CallerSecurityContext.callerOf(security));
        return Response.accepted(task).location(uri.getBaseUriBuilder().path("tasks").path(task.id()).build()).build();
    }

    /** host:activate: back in service; the host with its accounting. */
    @DELETE
    @Path("{name}/maintenance")
    public HostStatus activate(@PathParam("name") String name, @Context SecurityContext security) {
        return TaskResource.service(evacuations).activate(name, CallerSecurityContext.callerOf(security));
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

    /** Admits a host (host:add): 201 with every check, or 409 naming the failed ones; nothing written then. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(AddHostRequest body, @Context SecurityContext security, @Context UriInfo uri) {
        if (body == null) {
            throw new InvalidRequestException("body", "required", "POST /hosts needs a JSON body with name and uri");
        }
        AdmissionReport report = admission().admit(body.toRequest(), CallerSecurityContext.callerOf(security));
        return Response.created(uri.getAbsolutePathBuilder().path(report.host()).build()).entity(report).build();
    }

    @GET
    @Path("{name}/fingerprint")
    public HostFingerprint fingerprint(@PathParam("name") String name, @Context SecurityContext security) {
        return admission().fingerprint(name, CallerSecurityContext.callerOf(security));
    }

    /** Takes and records a new fingerprint (host:fingerprint --refresh). */
    @POST
    @Path("{name}/fingerprint")
    public HostFingerprint refresh(@PathParam("name") String name, @Context SecurityContext security) {
        return admission().refresh(name, CallerSecurityContext.callerOf(security));
    }

    @GET
    @Path("{a}/diff/{b}")
    public FingerprintDiff diff(@PathParam("a") String a, @PathParam("b") String b, @Context SecurityContext security) {
        return admission().diff(a, b, CallerSecurityContext.callerOf(security));
    }

    private HostAdmissionService admission() {
        HostAdmissionService a = admission.get();
        if (a == null) {
            throw new BackendException("core", "the host admission service is not running (vmpool-core)");
        }
        return a;
    }

    private void admin(SecurityContext security) {
        if (!machines.isAdministrator(CallerSecurityContext.callerOf(security))) {
            throw new ForbiddenException("host health is for administrators (the core's adminRole)");
        }
    }
}
