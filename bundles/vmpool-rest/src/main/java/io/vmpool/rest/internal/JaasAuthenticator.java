package io.vmpool.rest.internal;

import io.vmpool.api.machine.Caller;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a name and password against a JAAS realm (Karaf installs its realms as the global JAAS
 * Configuration) and turns the subject's Karaf principals into a {@link Caller}.
 */
class JaasAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(JaasAuthenticator.class);

    private final String realm;
    private final ClassLoader loginModuleLoader;

    /**
     * @param loginModuleLoader set as TCCL while the LoginContext is built: JDK's LoginContext loads the
     *        realm's LoginModule class (Karaf's ProxyLoginModule) through the TCCL it sees then
     */
    JaasAuthenticator(String realm, ClassLoader loginModuleLoader) {
        this.realm = realm;
        this.loginModuleLoader = loginModuleLoader;
    }

    /** The authenticated caller, or empty when the realm refuses the credentials. */
    Optional<Caller> authenticate(String user, char[] password) {
        Subject subject = new Subject();
        LoginContext login = newLoginContext(subject, user, password);
        try {
            login.login();
        } catch (LoginException e) {
            LOG.debug("JAAS realm {} refused user {}: {}", realm, user, e.getMessage());
            return Optional.empty();
        }
        try {
            return Optional.of(callerOf(subject, user));
        } finally {
            logout(login);
        }
    }

    private LoginContext newLoginContext(Subject subject, String user, char[] password) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loginModuleLoader);
        try {
            return new LoginContext(realm, subject, callbacks -> answer(callbacks, user, password));
        } catch (LoginException e) {
            throw new IllegalStateException("JAAS realm '" + realm + "' cannot be used (" + e.getMessage()
                    + "); check the realm option of " + RestConfiguration.PID, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void answer(Callback[] callbacks, String user, char[] password)
            throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback) {
                ((NameCallback) callback).setName(user);
            } else if (callback instanceof PasswordCallback) {
                ((PasswordCallback) callback).setPassword(password);
            } else {
                throw new UnsupportedCallbackException(callback, "vmpool's REST API only supplies name and password");
            }
        }
    }

    private static Caller callerOf(Subject subject, String givenName) {
        String name = givenName;
        Set<String> roles = new TreeSet<>();
        for (Principal principal : subject.getPrincipals()) {
            if (principal instanceof UserPrincipal) {
                name = principal.getName();
            } else if (principal instanceof RolePrincipal) {
                roles.add(principal.getName());
            }
        }
        return new Caller(name, roles);
    }

    private void logout(LoginContext login) {
        try {
            login.logout();
        } catch (LoginException e) {
            LOG.debug("JAAS logout from realm {} failed: {}", realm, e.getMessage());
        }
    }
}
