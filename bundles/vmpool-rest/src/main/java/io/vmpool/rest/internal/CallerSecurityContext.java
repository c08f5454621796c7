package io.vmpool.rest.internal;

import io.vmpool.api.machine.Caller;
import java.security.Principal;
import javax.ws.rs.core.SecurityContext;

/** The JAX-RS security context of an authenticated request, carrying the {@link Caller} the core is given. */
final class CallerSecurityContext implements SecurityContext {
    private final Caller caller;
    private final boolean secure;

    CallerSecurityContext(Caller caller, boolean secure) {
        this.caller = caller;
        this.secure = secure;
    }

    /** The caller of a request that passed {@link BasicAuthFilter}. */
    static Caller callerOf(SecurityContext security) {
        if (security instanceof CallerSecurityContext) {
            return ((CallerSecurityContext) security).caller;
        }
        throw new IllegalStateException("request reached a resource without passing BasicAuthFilter");
    }

    Caller caller() {
        return caller;
    }

    @Override
    public Principal getUserPrincipal() {
        return caller::name;
    }

    @Override
    public boolean isUserInRole(String role) {
        return caller.hasRole(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return BASIC_AUTH;
    }
}
