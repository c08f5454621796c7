package io.vmpool.security.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginException;
import org.apache.felix.utils.properties.Properties;
import org.apache.karaf.jaas.modules.BackingEngine;
import org.apache.karaf.jaas.modules.properties.PropertiesBackingEngine;
import org.apache.karaf.jaas.modules.properties.PropertiesLoginModule;

/** Test support: a users.properties file with Karaf's real engine over it, and a real login against it. */
final class UsersFile {
    private final Path path;

    UsersFile(Path path, String content) throws IOException {
        this.path = path;
        Files.writeString(path, content);
    }

    Path path() {
        return path;
    }

    String content() throws IOException {
        return Files.readString(path);
    }

    /** A fresh Karaf PropertiesBackingEngine reading the file now (as Karaf's factory builds one per use). */
    BackingEngine engine() {
        try {
            return new PropertiesBackingEngine(new Properties(path.toFile()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Logs in with Karaf's PropertiesLoginModule; the subject's principals on success. */
    Optional<Subject> login(String user, String password) {
        Subject subject = new Subject();
        PropertiesLoginModule module = new PropertiesLoginModule();
        module.initialize(subject, callbacks -> {
            ((NameCallback) callbacks[0]).setName(user);
            ((PasswordCallback) callbacks[1]).setPassword(password.toCharArray());
        }, Map.of(), Map.of("users", path.toString()));
        try {
            module.login();
            module.commit();
            return Optional.of(subject);
        } catch (LoginException e) {
            return Optional.empty();
        }
    }
}
