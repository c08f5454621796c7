package io.vmpool.rest.internal;

import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.placement.CapacityReport;
import io.vmpool.api.placement.PlacementRequest;
import io.vmpool.api.placement.PlacementService;
import java.util.function.Supplier;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/** {@code GET /capacity}: how many more machines of a size fit, per host, with and without N+k (administrators). */
@Path("/capacity")
@Produces(MediaType.APPLICATION_JSON)
public class CapacityResource {
    private final Supplier<PlacementService> placements;

    CapacityResource(Supplier<PlacementService> placements) {
        this.placements = placements;
    }

    @GET
    public CapacityReport capacity(@QueryParam("memoryMiB") String memoryMiB, @QueryParam("vcpus") String vcpus,
            @QueryParam("diskGiB") String diskGiB, @Context SecurityContext security) {
        PlacementRequest size = new PlacementRequest(whole("memoryMiB", memoryMiB), (int) whole("vcpus", vcpus),
                whole("diskGiB", diskGiB));
        return PlacementResource.service(placements).capacity(size, CallerSecurityContext.callerOf(security));
    }

    /** A query parameter as a positive whole number; absent means 0, the core's configured default. */
    private static long whole(String field, String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        try {
            long v = Long.parseLong(text);
            if (v > 0 && v <= Integer.MAX_VALUE) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException(field, "whole number > 0", field + " must be a whole number above 0 (or"
                + " absent for the core's default), was '" + text + "'");
    }

}
