package io.vmpool.rest.internal;

/** The kinds of problem the API reports (RFC 7807 {@code type} URIs), with their title and HTTP status. */
enum ProblemType {
    INVALID_REQUEST("invalid-request", "The request is not valid", 400),
    MALFORMED_BODY("malformed-body", "The request body is not the JSON expected", 400),
    UNAUTHORIZED("unauthorized", "Authentication required", 401),
    FORBIDDEN("forbidden", "Not allowed", 403),
    NOT_FOUND("not-found", "No such thing", 404),
    CONFLICT("conflict", "Conflicts with the current state", 409),
    NO_CAPACITY("no-capacity", "No host can take the machine", 409),
    ADMISSION_REFUSED("admission-refused", "The host failed its admission checks", 409),
    LIMIT_EXCEEDED("limit-exceeded", "A configured limit was reached", 409),
    BODY_TOO_LARGE("body-too-large", "The request body is too large", 413),
    INTERNAL_ERROR("internal-error", "Internal error", 500),
    BACKEND_FAILURE("backend-failure", "A backend failed", 502);

    static final String PREFIX = "urn:vmpool:problem:";

    private final String uri;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.uri = PREFIX + slug;
        this.title = title;
        this.status = status;
    }

    String uri() {
        return uri;
    }

    String title() {
        return title;
    }

    int status() {
        return status;
    }
}
