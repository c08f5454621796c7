package io.vmpool.inventory.jdbc.internal;

import io.vmpool.api.BackendException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replaces {@code ${name}} in the configured JDBC URL by the framework property of that name, e.g. karaf.data. */
final class UrlPlaceholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private final Function<String, String> properties;

    /** @param properties framework properties (in OSGi {@code BundleContext::getProperty}) */
    UrlPlaceholders(Function<String, String> properties) {
        this.properties = properties;
    }

    String resolve(String url) {
        Matcher m = PLACEHOLDER.matcher(url);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = properties.apply(name);
            if (value == null) {
                throw new BackendException(SqlErrors.BACKEND, "url " + url + " uses ${" + name
                        + "} but the framework property " + name + " is not set: set url in "
                        + InventoryConfig.PID + " to a full JDBC URL");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
