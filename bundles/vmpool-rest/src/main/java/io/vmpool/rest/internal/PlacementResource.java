package io.vmpool.rest.internal;

import io.vmpool.api.BackendException;
import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.placement.PlacementDecision;
import io.vmpool.api.placement.PlacementService;
import java.util.function.Supplier;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/**
 * {@code POST /placements?dryRun=true}: where a machine of a size would go and why not elsewhere (nothing is
 * reserved). The core decides.
 */
@Path("/placements")
@Produces(MediaType.APPLICATION_JSON)
public class PlacementResource {
    private final Supplier<PlacementService> placements;

    PlacementResource(Supplier<PlacementService> placements) {
        this.placements = placements;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public PlacementDecision place(PlacementBody body, @QueryParam("dryRun") String dryRun,
            @Context SecurityContext security) {
        if (dryRun != null && !dryRun.equals("true")) {
            throw new InvalidRequestException("dryRun", "true", "dryRun must be true (or absent): a placement here is"
                    + " only a dry run; POST /vms places and creates; was '" + dryRun + "'");
        }
        if (body == null) {
            throw new InvalidRequestException("body", "required",
                    "POST /placements needs a JSON body like {\"memoryMiB\":4096,\"vcpus\":1,\"diskGiB\":20}");
        }
        return service(placements).place(body.toRequest(), CallerSecurityContext.callerOf(security));
    }

    static PlacementService service(Supplier<PlacementService> placements) {
        PlacementService s = placements.get();
        if (s == null) {
            throw new BackendException("placement", "no placement service is running (vmpool-core)");
        }
        return s;
    }
}
