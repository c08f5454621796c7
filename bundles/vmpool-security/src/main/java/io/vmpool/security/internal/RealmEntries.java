package io.vmpool.security.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;

/** Finds a realm's properties-login-module entry the way Karaf does: by name, the highest rank winning. */
final class RealmEntries {
    static final String PROPERTIES_LOGIN_MODULE = "org.apache.karaf.jaas.modules.properties.PropertiesLoginModule";

    private RealmEntries() {
    }

    static Optional<AppConfigurationEntry> propertiesEntry(List<JaasRealm> realms, String realmName) {
        return realms.stream()
                .filter(realm -> realmName.equals(realm.getName()))
                .max(Comparator.comparingInt(JaasRealm::getRank))
                .flatMap(realm -> Arrays.stream(realm.getEntries())
                        .filter(entry -> PROPERTIES_LOGIN_MODULE.equals(
                                entry.getOptions().get(ProxyLoginModule.PROPERTY_MODULE)))
                        .findFirst());
    }
}
