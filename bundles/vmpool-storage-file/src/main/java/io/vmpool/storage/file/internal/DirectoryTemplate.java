package io.vmpool.storage.file.internal;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the configured directory ({@code ${karaf.data}/vmpool/images}) into an absolute path. */
final class DirectoryTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private DirectoryTemplate() {
    }

    /**
     * Replaces each {@code ${name}} with {@code property.apply(name)}.
     *
     * @throws IllegalArgumentException naming the placeholder when a property is not set
     */
    static Path resolve(String template, UnaryOperator<String> property) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("directory is empty (set it in " + FileStorageConfig.PID + ")");
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = property.apply(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("directory '" + template + "' uses ${" + m.group(1)
                        + "}, but no such property is set (fix directory in " + FileStorageConfig.PID + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return Path.of(out.toString()).toAbsolutePath().normalize();
    }
}
