package io.vmpool.rest.internal;

import io.vmpool.api.BackendException;
import io.vmpool.api.ConflictException;
import io.vmpool.api.host.AdmissionRefusedException;
import io.vmpool.api.ForbiddenException;
import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.LimitExceededException;
import io.vmpool.api.NotFoundException;
import io.vmpool.api.VmpoolException;
import io.vmpool.api.machine.NoCapacityException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns vmpool's errors into problem responses; their messages are written for users and are passed on. */
final class VmpoolExceptionMapper implements ExceptionMapper<VmpoolException> {
    private static final Logger LOG = LoggerFactory.getLogger(VmpoolExceptionMapper.class);

    @Override
    public Response toResponse(VmpoolException e) {
        return Problems.response(problemOf(e));
    }

    static Problem problemOf(VmpoolException e) {
        String detail = e.getMessage();
        if (e instanceof InvalidRequestException) {
            InvalidRequestException invalid = (InvalidRequestException) e;
            return Problem.of(ProblemType.INVALID_REQUEST, detail).withField(invalid.field(), invalid.rule());
        }
        if (e instanceof NotFoundException) {
            return Problem.of(ProblemType.NOT_FOUND, detail);
        }
        if (e instanceof ForbiddenException) {
            return Problem.of(ProblemType.FORBIDDEN, detail);
        }
        if (e instanceof NoCapacityException) {
            NoCapacityException full = (NoCapacityException) e;
            return Problem.of(ProblemType.NO_CAPACITY, detail).withRefusals(full.refusals())
                    .withPlacement(full.decision().orElse(null));
        }
        if (e instanceof AdmissionRefusedException refused) {
            return Problem.of(ProblemType.ADMISSION_REFUSED, detail).withChecks(refused.checks());
        }
        if (e instanceof ConflictException) {
            return Problem.of(ProblemType.CONFLICT, detail);
        }
        if (e instanceof LimitExceededException) {
            LimitExceededException limit = (LimitExceededException) e;
            return Problem.of(ProblemType.LIMIT_EXCEEDED, detail).withLimit(limit.limit(), limit.value(), limit.pid());
        }
        if (e instanceof BackendException) {
            LOG.warn("Backend failure reported to a REST caller: {}", detail, e);
            return Problem.of(ProblemType.BACKEND_FAILURE, detail).withBackend(((BackendException) e).backend());
        }
        LOG.error("Unclassified vmpool error reported to a REST caller as 500: {}", detail, e);
        return Problem.of(ProblemType.INTERNAL_ERROR, detail);
    }
}
