package io.vmpool.security.internal;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replaces {@code ${name}} in a configured path by a framework or system property (OCD defaults are not interpolated). */
final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private Placeholders() {
    }

    static String resolve(String value, Function<String, String> properties) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder result = new StringBuilder();
        while (m.find()) {
            String resolved = properties.apply(m.group(1));
            if (resolved == null) {
                throw new IllegalArgumentException("'" + value + "' refers to ${" + m.group(1)
                        + "}, which is not set; set passwordFile in " + SecurityConfiguration.PID);
            }
            m.appendReplacement(result, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(result);
        return result.toString();
    }
}
