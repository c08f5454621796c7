package io.vmpool.rest.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;

/**
 * Refuses request bodies over {@code maxBodyBytes} with 413, whether announced by Content-Length or
 * streamed; runs after authentication, so anonymous callers never get a body read.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION + 100)
final class BodySizeFilter implements ContainerRequestFilter {
    private final long maxBodyBytes;

    BodySizeFilter(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (request.getLength() > maxBodyBytes) {
            refuse(request, "announces " + request.getLength() + " bytes");
            return;
        }
        if (!request.hasEntity()) {
            return;
        }
        byte[] body = readAtMost(request.getEntityStream(), maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            refuse(request, "has more than " + maxBodyBytes + " bytes");
            return;
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        return in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
    }

    private void refuse(ContainerRequestContext request, String what) {
        request.abortWith(Problems.response(413, Problem.of(ProblemType.BODY_TOO_LARGE,
                "The request body " + what + "; at most " + maxBodyBytes + " bytes are accepted ("
                        + RestConfiguration.PID + " maxBodyBytes)")).build());
    }
}
