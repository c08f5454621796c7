package io.vmpool.rest.internal;

import io.vmpool.api.BackendException;
import io.vmpool.api.queue.QueuedRequest;
import io.vmpool.api.queue.WaitingListService;
import java.util.List;
import java.util.function.Supplier;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/** {@code /queue}: the creates waiting for capacity ({@code POST /vms} with {@code "queue": true}); the core decides. */
@Path("/queue")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {
    private final Supplier<WaitingListService> waitingList;

    QueueResource(Supplier<WaitingListService> waitingList) {
        this.waitingList = waitingList;
    }

    /** In boot order: every request for an administrator, the caller's own otherwise. */
    @GET
    public List<QueuedRequest> list(@Context SecurityContext security) {
        return service(waitingList).list(CallerSecurityContext.callerOf(security));
    }

    /** Takes the request off the list; 404 when there is none the caller may see. */
    @DELETE
    @Path("{id}")
    public QueuedRequest cancel(@PathParam("id") String id, @Context SecurityContext security) {
        return service(waitingList).cancel(id, CallerSecurityContext.callerOf(security));
    }

    static WaitingListService service(Supplier<WaitingListService> waitingList) {
        WaitingListService s = waitingList.get();
        if (s == null) {
            throw new BackendException("queue", "no waiting list is running (vmpool-core)");
        }
        return s;
    }
}
