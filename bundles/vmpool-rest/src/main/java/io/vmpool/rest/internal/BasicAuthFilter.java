package io.vmpool.rest.internal;

import io.vmpool.api.machine.Caller;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

/**
 * HTTP Basic authentication of every request against the JAAS realm; refuses with 401, a
 * {@code WWW-Authenticate} challenge and a problem body. Roles are passed on, never interpreted here.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class BasicAuthFilter implements ContainerRequestFilter {
    static final String CHALLENGE = "Basic realm=\"vmpool\", charset=\"UTF-8\"";
    private static final String SCHEME = "Basic ";

    private final JaasAuthenticator authenticator;

    BasicAuthFilter(JaasAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            refuse(request, "This API needs the HTTP Basic credentials of a vmpool account");
            return;
        }
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            refuse(request, "Only HTTP Basic authentication is supported");
            return;
        }
        char[] decoded = decode(header.substring(SCHEME.length()).trim());
        try {
            int colon = indexOf(decoded, ':');
            if (colon <= 0) {
                refuse(request, "Malformed HTTP Basic credentials: expected base64 of 'user:password'");
                return;
            }
            String user = new String(decoded, 0, colon);
            char[] password = Arrays.copyOfRange(decoded, colon + 1, decoded.length);
            Optional<Caller> caller;
            try {
                caller = authenticator.authenticate(user, password);
            } finally {
                Arrays.fill(password, '\0');
            }
            if (caller.isEmpty()) {
                refuse(request, "Unknown user or wrong password");
                return;
            }
            request.setSecurityContext(new CallerSecurityContext(caller.get(), request.getSecurityContext().isSecure()));
        } finally {
            Arrays.fill(decoded, '\0');
        }
    }

    private static char[] decode(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            Arrays.fill(bytes, (byte) 0);
            char[] result = new char[chars.remaining()];
            chars.get(result);
            return result;
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return new char[0];
        }
    }

    private static int indexOf(char[] chars, char wanted) {
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static void refuse(ContainerRequestContext request, String detail) {
        request.abortWith(Problems.response(Response.Status.UNAUTHORIZED.getStatusCode(),
                        Problem.of(ProblemType.UNAUTHORIZED, detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
                .build());
    }
}
