package io.vmpool.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.security.internal.InitialAdminSetup.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Principal;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "is there an administrator?" decision and the creation, against Karaf's PropertiesBackingEngine. */
class InitialAdminSetupTest {
    static final String GROUPS = String.join("\n",
            "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh",
            "_g_\\:vmpoolusers = group,vmpool-user,ssh",
            "");

    @TempDir
    Path dir;

    @Test
    void createsTheAdminWhenTheRealmHasOnlyGroups() throws Exception {
        UsersFile users = new UsersFile(dir.resolve("users.properties"), GROUPS);

        assertThat(setup(users).run()).isEqualTo(Outcome.CREATED);

        String password = Files.readString(passwordFile()).strip();
        assertThat(password).hasSize(24).matches("[A-Za-z0-9_-]+");
        assertThat(dir.resolve("data/vmpool/initial-admin-password.new")).as("published, not left pending").doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile()))).isEqualTo("rw-------");
        assertThat(users.content()).contains("admin = " + password + ",_g_:admingroup,vmpool-admin");
        Subject subject = users.login("admin", password).orElseThrow();
        assertThat(roles(subject)).contains("vmpool-admin", "admin", "ssh", "manager", "viewer", "systembundles");
        assertThat(users.login("admin", password + "x")).isEmpty();
    }

    @Test
    void secondStartChangesNothing() throws Exception {
        UsersFile users = new UsersFile(dir.resolve("users.properties"), GROUPS);
        setup(users).run();
        String usersAfterFirst = users.content();
        String passwordAfterFirst = Files.readString(passwordFile());

        assertThat(setup(users).run()).isEqualTo(Outcome.ADMIN_EXISTS);

        assertThat(users.content()).isEqualTo(usersAfterFirst);
        assertThat(Files.readString(passwordFile())).isEqualTo(passwordAfterFirst);
    }

    @Test
    void anotherAccountWithTheRoleCountsAsAdmin() throws Exception {
        String content = GROUPS + "root = root-pw,_g_:admingroup,vmpool-admin\n";
        UsersFile users = new UsersFile(dir.resolve("users.properties"), content);

        assertThat(setup(users).run()).isEqualTo(Outcome.ADMIN_EXISTS);

        assertThat(users.content()).isEqualTo(content);
        assertThat(passwordFile()).doesNotExist();
    }

    @Test
    void theRoleThroughAGroupCountsAsAdmin() throws Exception {
        String content = GROUPS + "_g_\\:vmpooladmins = group,vmpool-admin\nops = ops-pw,_g_:vmpooladmins\n";
        UsersFile users = new UsersFile(dir.resolve("users.properties"), content);

        assertThat(setup(users).run()).isEqualTo(Outcome.ADMIN_EXISTS);
        assertThat(users.content()).isEqualTo(content);
    }

    @Test
    void ordinaryUsersDoNotCount() throws Exception {
        UsersFile users = new UsersFile(dir.resolve("users.properties"),
                GROUPS + "alice = alice-pw,_g_:vmpoolusers\nkaraf = karaf,_g_:admingroup\n");

        assertThat(setup(users).run()).isEqualTo(Outcome.CREATED);

        assertThat(users.content()).contains("alice = alice-pw,_g_:vmpoolusers").contains("karaf = karaf,_g_:admingroup");
    }

    @Test
    void anExistingAdminUserWithoutTheRoleIsLeftAlone() throws Exception {
        String content = GROUPS + "admin = chosen-by-someone,_g_:vmpoolusers\n";
        UsersFile users = new UsersFile(dir.resolve("users.properties"), content);

        assertThat(setup(users).run()).isEqualTo(Outcome.NAME_TAKEN);

        assertThat(users.content()).isEqualTo(content);
        assertThat(passwordFile()).doesNotExist();
    }

    @Test
    void unreadableRolesChangeNothing() throws Exception {
        String content = GROUPS + "bob = bob-pw,_g_:nosuchgroup\n";
        UsersFile users = new UsersFile(dir.resolve("users.properties"), content);

        assertThat(setup(users).run()).isEqualTo(Outcome.UNDECIDABLE);

        assertThat(users.content()).isEqualTo(content);
        assertThat(passwordFile()).doesNotExist();
    }

    @Test
    void aMissingGroupIsCreatedEmptyAndTheAccountStillGetsTheRole() throws Exception {
        UsersFile users = new UsersFile(dir.resolve("users.properties"), "");

        assertThat(setup(users).run()).isEqualTo(Outcome.CREATED);

        String password = Files.readString(passwordFile()).strip();
        assertThat(roles(users.login("admin", password).orElseThrow())).containsExactly("vmpool-admin");
    }

    @Test
    void configuredNameGroupsRoleAndLengthAreUsed() throws Exception {
        UsersFile users = new UsersFile(dir.resolve("users.properties"), GROUPS);
        AdminSettings settings = new AdminSettings("karaf", "boss", "pool-admin", List.of("admingroup", "vmpoolusers"),
                passwordFile(), 40, 0);

        assertThat(new InitialAdminSetup(users::engine, settings, new PasswordGenerator(new SecureRandom())).run())
                .isEqualTo(Outcome.CREATED);

        String password = Files.readString(passwordFile()).strip();
        assertThat(password).hasSize(40);
        assertThat(users.content()).contains("boss = " + password + ",_g_:admingroup,_g_:vmpoolusers,pool-admin");
    }

    @Test
    void aRewriteOfTheUsersFileThatDropsTheRoleIsMendedBeforeThePasswordIsPublished() throws Exception {
        UsersFile users = new UsersFile(dir.resolve("users.properties"), GROUPS);
        AdminSettings settings = new AdminSettings("karaf", "admin", "vmpool-admin", List.of("admingroup"),
                passwordFile(), 24, 300);
        // as Karaf's AutoEncryptionSupport would, from a read taken before the role was added: the role is gone
        Thread rewriter = new Thread(() -> {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            try {
                while (System.nanoTime() < deadline) {
                    String c = users.content();
                    if (c.contains(",vmpool-admin")) {
                        Files.writeString(users.path(), c.replace(",vmpool-admin", ""));
                        return;
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // poll interval
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        rewriter.start();

        assertThat(new InitialAdminSetup(users::engine, settings, new PasswordGenerator(new SecureRandom())).run())
                .isEqualTo(Outcome.CREATED);
        rewriter.join();

        String password = Files.readString(passwordFile()).strip();
        assertThat(users.content()).contains("admin = " + password + ",_g_:admingroup,vmpool-admin");
    }

    private InitialAdminSetup setup(UsersFile users) {
        AdminSettings settings = new AdminSettings("karaf", "admin", "vmpool-admin", List.of("admingroup"),
                passwordFile(), 24, 0);
        return new InitialAdminSetup(users::engine, settings, new PasswordGenerator(new SecureRandom()));
    }

    private Path passwordFile() {
        return dir.resolve("data/vmpool/initial-admin-password");
    }

    private static List<String> roles(Subject subject) {
        return subject.getPrincipals(RolePrincipal.class).stream().map(Principal::getName).sorted()
                .collect(Collectors.toList());
    }
}
