package io.vmpool.rest.internal;

import io.vmpool.api.machine.HostStatus;
import io.vmpool.api.machine.MachineService;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/** {@code /hosts}: the pool's hosts with their memory accounting. */
@Path("/hosts")
@Produces(MediaType.APPLICATION_JSON)
public class HostResource {
    private final MachineService machines;

    HostResource(MachineService machines) {
        this.machines = machines;
    }

    @GET
    public List<HostStatus> list(@Context SecurityContext security) {
        return machines.hosts(CallerSecurityContext.callerOf(security));
    }
}
