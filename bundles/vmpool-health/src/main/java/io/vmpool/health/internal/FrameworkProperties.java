package io.vmpool.health.internal;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replaces {@code ${name}} in a configured path by the framework property of that name ({@code ${karaf.data}}). */
public final class FrameworkProperties {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private FrameworkProperties() {
    }

    /** @param where the key and PID the value came from, for the error */
    public static String expand(String value, UnaryOperator<String> properties, String where) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String property = properties.apply(m.group(1));
            if (property == null) {
                throw new IllegalArgumentException(where + " = " + value + " names ${" + m.group(1)
                        + "}, which is not a framework property here");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(property));
        }
        m.appendTail(out);
        return out.toString();
    }
}
