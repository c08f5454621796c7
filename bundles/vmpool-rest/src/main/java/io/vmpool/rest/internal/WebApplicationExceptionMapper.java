package io.vmpool.rest.internal;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.NoContentException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

/**
 * Gives JAX-RS's own refusals (unknown path 404, 405, 406, 415, a missing body...) a problem body, keeping
 * their status and headers such as {@code Allow}.
 */
final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    private final UnexpectedExceptionMapper unexpected = new UnexpectedExceptionMapper();

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status >= 500) {
            return unexpected.toResponse(e);
        }
        Problem problem;
        if (e.getCause() instanceof NoContentException) {
            problem = Problem.of(ProblemType.MALFORMED_BODY, "The request body is missing or empty");
        } else {
            Response.StatusType type = Response.Status.fromStatusCode(status);
            String title = type == null ? "HTTP " + status : type.getReasonPhrase();
            problem = Problem.ofStatus(status, title, detailOf(status));
        }
        Response.ResponseBuilder response = Problems.response(problem.status(), problem);
        if (original != null) {
            original.getHeaders().forEach((name, values) -> {
                if (!"Content-Type".equalsIgnoreCase(name) && !"Content-Length".equalsIgnoreCase(name)) {
                    values.forEach(value -> response.header(name, value));
                }
            });
        }
        return response.build();
    }

    private static String detailOf(int status) {
        switch (status) {
            case 404:
                return "No such resource; the API's resources are /vms, /vms/{name}[/start|/stop|/destroy|/events] "
                        + "and /hosts";
            case 405:
                return "This method is not allowed on this resource (see the Allow header)";
            case 406:
                return "The API answers only application/json";
            case 415:
                return "Request bodies must be application/json";
            default:
                return "The request was refused with HTTP " + status;
        }
    }
}
