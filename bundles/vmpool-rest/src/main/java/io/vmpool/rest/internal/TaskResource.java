package io.vmpool.rest.internal;

import io.vmpool.api.BackendException;
import io.vmpool.api.machine.Evacuation;
import io.vmpool.api.machine.EvacuationService;
import java.util.function.Supplier;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/** {@code GET /tasks/{id}}: a host drain's progress, machine by machine (administrators). */
@Path("/tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {
    private final Supplier<EvacuationService> evacuations;

    TaskResource(Supplier<EvacuationService> evacuations) {
        this.evacuations = evacuations;
    }

    @GET
    @Path("{id}")
    public Evacuation task(@PathParam("id") String id, @Context SecurityContext security) {
        return service(evacuations).task(id, CallerSecurityContext.callerOf(security));
    }

    static EvacuationService service(Supplier<EvacuationService> evacuations) {
        EvacuationService s = evacuations.get();
        if (s == null) {
            throw new BackendException("core", "no evacuation service is running (vmpool-core)");
        }
        return s;
    }
}
