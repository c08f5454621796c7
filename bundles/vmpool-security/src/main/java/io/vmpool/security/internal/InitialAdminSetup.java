package io.vmpool.security.internal;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.karaf.jaas.boot.principal.GroupPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.jaas.modules.BackingEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision and the work: when no account of the realm holds the admin role (directly or through a group),
 * creates the admin account with a generated password written to the password file; otherwise changes nothing.
 */
final class InitialAdminSetup {
    private static final Logger LOG = LoggerFactory.getLogger(InitialAdminSetup.class);

    /** What a run found or did. */
    enum Outcome {
        /** An account already holds the admin role: nothing was changed. */
        ADMIN_EXISTS,
        /** The admin account was created and its password written. */
        CREATED,
        /** No account holds the role, but the admin user name is taken: left alone, a warning logged. */
        NAME_TAKEN,
        /** The accounts' roles could not be read: nothing was changed, a warning logged. */
        UNDECIDABLE
    }

    private final Supplier<BackingEngine> engines;
    private final AdminSettings settings;
    private final PasswordGenerator passwords;
    private final PasswordFile passwordFile;

    /** @param engines gives a fresh engine each call, reading the accounts anew */
    InitialAdminSetup(Supplier<BackingEngine> engines, AdminSettings settings, PasswordGenerator passwords) {
        this.engines = engines;
        this.settings = settings;
        this.passwords = passwords;
        this.passwordFile = new PasswordFile(settings.passwordFile());
    }

    Outcome run() {
        BackingEngine engine = engines.get();
        Optional<String> admin;
        try {
            admin = findAdmin(engine);
        } catch (RuntimeException e) {
            LOG.warn("Cannot tell whether realm '{}' has a vmpool administrator, so none is created: reading the "
                    + "accounts' roles failed ({}). A role entry _g_:NAME without a '_g_\\:NAME = group,...' line "
                    + "does this; fix the users file.", settings.realm(), e.toString());
            return Outcome.UNDECIDABLE;
        }
        if (admin.isPresent()) {
            LOG.info("Realm '{}' has a vmpool administrator ('{}' holds role {}); no account created",
                    settings.realm(), admin.get(), settings.adminRole());
            return Outcome.ADMIN_EXISTS;
        }
        if (engine.lookupUser(settings.adminUser()) != null) {
            LOG.warn("No account of realm '{}' holds role {}, and account '{}' exists without it: it is left alone. "
                    + "Grant the role in the Karaf shell: jaas:realm-manage --realm {}; jaas:role-add {} {}; "
                    + "jaas:update", settings.realm(), settings.adminRole(), settings.adminUser(), settings.realm(),
                    settings.adminUser(), settings.adminRole());
            return Outcome.NAME_TAKEN;
        }
        create(engine);
        settle();
        verifyCreated();
        // only now the password is where it is looked for: a login with it finds the account complete, its role
        // included (a login between addUser and addRole saw an account without the admin role)
        passwordFile.publish();
        LOG.info("Created vmpool administrator '{}' in realm '{}' (groups {}, role {}). Its password is in {}, "
                + "readable by this process's user only: read it, change it (jaas:realm-manage --realm {}; "
                + "jaas:user-add {} NEW-PASSWORD; jaas:update) and delete the file.", settings.adminUser(),
                settings.realm(), settings.adminGroups(), settings.adminRole(), passwordFile.path(),
                settings.realm(), settings.adminUser());
        return Outcome.CREATED;
    }

    private void create(BackingEngine engine) {
        warnAboutMissingGroups(engine.listGroups());
        String password = passwords.generate(settings.passwordLength());
        passwordFile.writePending(password); // first, so a crash below leaves the password readable (.new)
        engine.addUser(settings.adminUser(), password);
        for (String group : settings.adminGroups()) {
            engine.addGroup(settings.adminUser(), group);
        }
        engine.addRole(settings.adminUser(), settings.adminRole());
    }

    private void warnAboutMissingGroups(Map<GroupPrincipal, String> existing) {
        for (String group : settings.adminGroups()) {
            if (!existing.containsKey(new GroupPrincipal(group))) {
                LOG.warn("Group '{}' is not defined in realm '{}'; it is created without roles, so '{}' gets none "
                        + "from it. Define it in the users file ('_g_\\:{} = group,ROLE,...') or change adminGroups "
                        + "in {}", group, settings.realm(), settings.adminUser(), group, SecurityConfiguration.PID);
            }
        }
    }

    /**
     * Waits until the users file has kept the account whole for {@code settleMillis}: Karaf's AutoEncryptionSupport
     * watches the file and, finding a plain password, saves it from its own read, which drops a group or role
     * written in between. What is missing is written again (then the password is encrypted, so it does not recur).
     */
    private void settle() {
        long quiet = TimeUnit.MILLISECONDS.toNanos(settings.settleMillis());
        long until = System.nanoTime() + quiet;
        while (System.nanoTime() < until) {
            LockSupport.parkNanos(Math.min(quiet, TimeUnit.MILLISECONDS.toNanos(100))); // poll interval
            BackingEngine e = engines.get();
            UserPrincipal user = e.lookupUser(settings.adminUser());
            if (user == null) {
                throw new IllegalStateException("Account '" + settings.adminUser() + "' disappeared from realm '"
                        + settings.realm() + "' right after it was created (the users file was rewritten); the password"
                        + " file " + passwordFile.pending() + " is stale.");
            }
            if (!restore(e, user)) {
                until = System.nanoTime() + quiet; // written again: wait the whole period once more
            }
        }
    }

    /** Writes the account's missing groups and role again; true when nothing was missing. */
    private boolean restore(BackingEngine engine, UserPrincipal user) {
        List<String> groups = engine.listGroups(user).stream().map(Principal::getName).toList();
        boolean whole = true;
        for (String group : settings.adminGroups()) {
            if (!groups.contains(group)) {
                engine.addGroup(settings.adminUser(), group);
                whole = false;
            }
        }
        if (engine.listRoles(user).stream().noneMatch(r -> r.getName().equals(settings.adminRole()))) {
            engine.addRole(settings.adminUser(), settings.adminRole());
            whole = false;
        }
        if (!whole) {
            LOG.warn("Account '{}' of realm '{}' lost its groups or role {} right after it was created (the users file "
                    + "was rewritten, e.g. by Karaf's password encryption); written again", settings.adminUser(),
                    settings.realm(), settings.adminRole());
        }
        return whole;
    }

    private void verifyCreated() {
        BackingEngine reread = engines.get();
        UserPrincipal user = reread.lookupUser(settings.adminUser());
        if (user == null || !rolesOf(reread, user).contains(settings.adminRole())) {
            throw new IllegalStateException("Account '" + settings.adminUser() + "' was not stored in realm '"
                    + settings.realm() + "' (its backing engine could not write the users file; Karaf logs "
                    + "'Cannot update users file'). The password file " + passwordFile.path() + " is stale.");
        }
    }

    private Optional<String> findAdmin(BackingEngine engine) {
        for (UserPrincipal user : engine.listUsers()) {
            if (rolesOf(engine, user).contains(settings.adminRole())) {
                return Optional.of(user.getName());
            }
        }
        return Optional.empty();
    }

    /** The account's roles: its own and its groups' (Karaf's properties engine already expands groups). */
    private static List<String> rolesOf(BackingEngine engine, UserPrincipal user) {
        List<String> roles = new ArrayList<>();
        addNames(roles, engine.listRoles(user));
        for (GroupPrincipal group : engine.listGroups(user)) {
            addNames(roles, engine.listRoles(group));
        }
        return roles;
    }

    private static void addNames(List<String> names, List<RolePrincipal> roles) {
        for (Principal role : roles) {
            names.add(role.getName());
        }
    }
}
