package io.vmpool.rest.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;
import org.apache.karaf.jaas.modules.properties.PropertiesLoginModule;

/**
 * Test support: installs, as the JVM's JAAS Configuration (as Karaf does), one realm backed by Karaf's
 * real PropertiesLoginModule over a users.properties file; {@link #close()} puts the previous one back.
 */
final class PropertiesRealm extends Configuration implements AutoCloseable {
    private final String name;
    private final Path usersFile;
    private final Configuration previous;

    private PropertiesRealm(String name, Path usersFile, Configuration previous) {
        this.name = name;
        this.usersFile = usersFile;
        this.previous = previous;
    }

    static PropertiesRealm install(String name, Path usersFile, String users) throws IOException {
        Files.writeString(usersFile, users);
        Configuration previous = null;
        try {
            previous = Configuration.getConfiguration();
        } catch (SecurityException e) {
            // no default configuration: nothing to restore
        }
        PropertiesRealm realm = new PropertiesRealm(name, usersFile, previous);
        Configuration.setConfiguration(realm);
        return realm;
    }

    @Override
    public AppConfigurationEntry[] getAppConfigurationEntry(String realm) {
        if (!name.equals(realm)) {
            return null;
        }
        return new AppConfigurationEntry[] {
            new AppConfigurationEntry(PropertiesLoginModule.class.getName(), LoginModuleControlFlag.REQUIRED,
                    Map.of("users", usersFile.toString()))
        };
    }

    @Override
    public void close() {
        Configuration.setConfiguration(previous);
    }
}
