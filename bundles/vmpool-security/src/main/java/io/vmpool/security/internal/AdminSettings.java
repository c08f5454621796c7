package io.vmpool.security.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The initial-admin settings as checked plain values; built from the OCD with its placeholders resolved. */
record AdminSettings(String realm, String adminUser, String adminRole, List<String> adminGroups, Path passwordFile,
        int passwordLength, long settleMillis) {

    AdminSettings {
        require("realm", realm);
        require("adminUser", adminUser);
        require("adminRole", adminRole);
        if (adminUser.startsWith("_g_:")) {
            throw new IllegalArgumentException("adminUser '" + adminUser + "' may not start with _g_: (a group "
                    + "prefix); set it in " + SecurityConfiguration.PID);
        }
        adminGroups = List.copyOf(adminGroups);
        PasswordGenerator.checkLength(passwordLength);
        if (settleMillis < 0) {
            throw new IllegalArgumentException("settleMillis must be 0 or more, was " + settleMillis + "; set it in "
                    + SecurityConfiguration.PID);
        }
    }

    static AdminSettings of(SecurityConfiguration config, Function<String, String> properties) {
        return new AdminSettings(config.realm().trim(), config.adminUser().trim(), config.adminRole().trim(),
                splitList(config.adminGroups()), Path.of(Placeholders.resolve(config.passwordFile(), properties)),
                config.passwordLength(), config.settleMillis());
    }

    /** A .cfg file gives one comma-separated string where a .config file gives an array: accept both. */
    private static List<String> splitList(String[] values) {
        List<String> result = new ArrayList<>();
        for (String value : values == null ? new String[0] : values) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    result.add(part.trim());
                }
            }
        }
        return result;
    }

    private static void require(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + " is empty; set it in " + SecurityConfiguration.PID);
        }
    }
}
