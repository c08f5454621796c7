package io.vmpool.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.security.internal.InitialAdminSetup.Outcome;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.jaas.modules.BackingEngineFactory;
import org.apache.karaf.jaas.modules.properties.PropertiesBackingEngineFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component's wiring: realm and entry selection, Karaf's real engine factory, activation twice, the OCD. */
class InitialAdminAccountTest {
    private static final List<BackingEngineFactory> FACTORIES = List.of(new PropertiesBackingEngineFactory());

    @TempDir
    Path dir;

    @Test
    void createsOnFirstActivationAndNothingOnTheSecond() throws Exception {
        UsersFile users = new UsersFile(dir.resolve("users.properties"), InitialAdminSetupTest.GROUPS);
        List<JaasRealm> realms = List.of(realm("karaf", 0, users.path()));

        assertThat(activate(realms).outcome()).hasValue(Outcome.CREATED);
        String afterFirst = users.content();
        assertThat(afterFirst).contains("admin = ");

        assertThat(activate(realms).outcome()).hasValue(Outcome.ADMIN_EXISTS);
        assertThat(users.content()).isEqualTo(afterFirst);
    }

    @Test
    void waitsWhileTheRealmIsNotRegistered() throws Exception {
        UsersFile users = new UsersFile(dir.resolve("users.properties"), InitialAdminSetupTest.GROUPS);

        assertThat(activate(List.of(realm("other", 0, users.path()))).outcome()).isEmpty();
        assertThat(users.content()).isEqualTo(InitialAdminSetupTest.GROUPS);
    }

    @Test
    void waitsWhileNoEngineFactoryMatches() throws Exception {
        UsersFile users = new UsersFile(dir.resolve("users.properties"), InitialAdminSetupTest.GROUPS);

        InitialAdminAccount account = new InitialAdminAccount(List.of(realm("karaf", 0, users.path())), List.of(),
                settings(), new SecureRandom());

        assertThat(account.outcome()).isEmpty();
    }

    @Test
    void usesTheHighestRankedRealmOfThatName() throws Exception {
        UsersFile low = new UsersFile(dir.resolve("low.properties"), InitialAdminSetupTest.GROUPS);
        UsersFile high = new UsersFile(dir.resolve("high.properties"), InitialAdminSetupTest.GROUPS);

        activate(List.of(realm("karaf", 0, low.path()), realm("karaf", 10, high.path())));

        assertThat(high.content()).contains("admin = ");
        assertThat(low.content()).isEqualTo(InitialAdminSetupTest.GROUPS);
    }

    @Test
    void ocdValuesArePlaceholderResolvedAndCommaSplit() {
        AdminSettings settings = AdminSettings.of(config("admingroup, vmpoolusers", "${karaf.data}/vmpool/pw"),
                Map.of("karaf.data", "/opt/vmpool/data")::get);

        assertThat(settings.adminGroups()).containsExactly("admingroup", "vmpoolusers");
        assertThat(settings.passwordFile()).isEqualTo(Path.of("/opt/vmpool/data/vmpool/pw"));
    }

    @Test
    void anUnsetPlaceholderIsReportedWithTheOption() {
        assertThatThrownBy(() -> AdminSettings.of(config("admingroup", "${karaf.data}/pw"), name -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("${karaf.data}")
                .hasMessageContaining("passwordFile")
                .hasMessageContaining("io.vmpool.security");
    }

    private InitialAdminAccount activate(List<JaasRealm> realms) {
        return new InitialAdminAccount(realms, FACTORIES, settings(), new SecureRandom());
    }

    private AdminSettings settings() {
        return new AdminSettings("karaf", "admin", "vmpool-admin", List.of("admingroup"),
                dir.resolve("data/vmpool/initial-admin-password"), 24, 0);
    }

    /** A realm shaped like Karaf's KarafRealm: a properties entry then a public-key entry, both via the proxy. */
    private static JaasRealm realm(String name, int rank, Path usersFile) {
        return new JaasRealm() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public int getRank() {
                return rank;
            }

            @Override
            public AppConfigurationEntry[] getEntries() {
                return new AppConfigurationEntry[] {
                    new AppConfigurationEntry(ProxyLoginModule.class.getName(), LoginModuleControlFlag.OPTIONAL,
                            Map.of(ProxyLoginModule.PROPERTY_MODULE,
                                    "org.apache.karaf.jaas.modules.publickey.PublickeyLoginModule",
                                    "users", usersFile.resolveSibling("keys.properties").toString())),
                    new AppConfigurationEntry(ProxyLoginModule.class.getName(), LoginModuleControlFlag.OPTIONAL,
                            Map.of(ProxyLoginModule.PROPERTY_MODULE, RealmEntries.PROPERTIES_LOGIN_MODULE,
                                    "users", usersFile.toString()))
                };
            }
        };
    }

    private static SecurityConfiguration config(String groups, String passwordFile) {
        return new SecurityConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SecurityConfiguration.class;
            }

            @Override
            public String realm() {
                return "karaf";
            }

            @Override
            public String adminUser() {
                return "admin";
            }

            @Override
            public String adminRole() {
                return "vmpool-admin";
            }

            @Override
            public String[] adminGroups() {
                return new String[] {groups};
            }

            @Override
            public String passwordFile() {
                return passwordFile;
            }

            @Override
            public int passwordLength() {
                return 24;
            }

            @Override
            public long settleMillis() {
                return 0;
            }
        };
    }
}
