package io.vmpool.rest.internal;

import io.vmpool.api.ForbiddenException;
import io.vmpool.api.machine.MachineService;
import io.vmpool.api.storage.StorageHealth;
import io.vmpool.api.storage.StorageReport;
import io.vmpool.api.storage.StorageService;
import io.vmpool.api.storage.Volume;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/**
 * {@code /storage}: the pools, each pool's health and volumes, and the reconciliation report — what
 * storage:list, storage:health and storage:volumes show. For administrators (403 otherwise).
 */
@Path("/storage")
@Produces(MediaType.APPLICATION_JSON)
public class StorageResource {
    private final StorageService storage;
    private final MachineService machines;

    StorageResource(StorageService storage, MachineService machines) {
        this.storage = storage;
        this.machines = machines;
    }

    @GET
    @Path("pools")
    public List<StorageService.PoolSummary> pools(@Context SecurityContext security) {
        admin(security);
        return storage.pools();
    }

    @GET
    @Path("pools/{id}")
    public StorageHealth health(@PathParam("id") String id, @Context SecurityContext security) {
        admin(security);
        return storage.health(id);
    }

    @GET
    @Path("pools/{id}/volumes")
    public List<Volume> volumes(@PathParam("id") String id, @Context SecurityContext security) {
        admin(security);
        return storage.volumes(id);
    }

    @GET
    @Path("reconciliation")
    public StorageReport reconcile(@Context SecurityContext security) {
        admin(security);
        return storage.reconcile();
    }

    private void admin(SecurityContext security) {
        if (!machines.isAdministrator(CallerSecurityContext.callerOf(security))) {
            throw new ForbiddenException("the storage resources are for administrators (the core's adminRole)");
        }
    }
}
