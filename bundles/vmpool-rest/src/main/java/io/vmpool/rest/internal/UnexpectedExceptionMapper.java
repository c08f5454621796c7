package io.vmpool.rest.internal;

import java.util.UUID;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers any other failure with a generic 500 and logs its stack under an incident id the caller is given. */
final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.error("Internal error in the REST API, incident {}", incident, e);
        return Problems.response(Problem.of(ProblemType.INTERNAL_ERROR,
                "The server failed to handle the request; its log has the details under incident " + incident)
                .withIncident(incident));
    }
}
