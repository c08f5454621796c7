package io.vmpool.shell.internal;

import io.vmpool.api.ForbiddenException;
import io.vmpool.api.machine.Caller;
import java.security.AccessController;
import java.security.Principal;
import java.util.HashSet;
import java.util.Set;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/** The shell user running a command, from the JAAS subject Karaf runs every command under. */
final class ShellCaller {
    private ShellCaller() {
    }

    @SuppressWarnings("removal") // Karaf 4.4 still hands the session's subject over through the access control context
    static Caller current() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject == null) {
            throw new ForbiddenException("this shell session has no logged-in user");
        }
        String name = null;
        Set<String> roles = new HashSet<>();
        for (Principal p : subject.getPrincipals()) {
            if (p instanceof UserPrincipal) {
                name = p.getName();
            } else if (p instanceof RolePrincipal) {
                roles.add(p.getName());
            }
        }
        if (name == null) {
            throw new ForbiddenException("this shell session has no user principal");
        }
        return new Caller(name, roles);
    }
}
