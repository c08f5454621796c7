package io.vmpool.rest.internal;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** Builds {@code application/problem+json} responses. */
final class Problems {
    static final String MEDIA_TYPE = "application/problem+json";
    static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    private Problems() {
    }

    static Response.ResponseBuilder response(int status, Problem problem) {
        return Response.status(status).type(PROBLEM_JSON).entity(problem);
    }

    static Response response(Problem problem) {
        return response(problem.status(), problem).build();
    }
}
