package io.vmpool.shell.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Options given after a command's positional argument, as {@code --name value} or {@code --name=value}. */
final class TrailingOptions {
    private final Map<String, String> values;

    private TrailingOptions(Map<String, String> values) {
        this.values = values;
    }

    static TrailingOptions parse(List<String> args, List<String> known) {
        return parse(args, known, List.of());
    }

    /** @param flags options that take no value ({@code --wait}); present means "true" */
    static TrailingOptions parse(List<String> args, List<String> known, List<String> flags) {
        Map<String, String> values = new HashMap<>();
        if (args == null) {
            return new TrailingOptions(values);
        }
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("-") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (flags.contains(arg)) {
                values.put(arg, "true");
                continue;
            }
            if (!known.contains(name)) {
                List<String> all = new java.util.ArrayList<>(known);
                all.addAll(flags);
                throw new IllegalArgumentException("unexpected '" + arg + "': the options are " + String.join(", ", all));
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args.get(++i);
            }
            values.put(name, value);
        }
        return new TrailingOptions(values);
    }

    /** The value given after the argument under {@code longName} or {@code shortName}, else {@code fallback}. */
    String value(String longName, String shortName, String fallback) {
        String v = values.get(longName);
        if (v == null && shortName != null) {
            v = values.get(shortName);
        }
        return v != null ? v : fallback;
    }

    /** Whether the flag was given after the argument, or {@code fallback} (the flag given before it). */
    boolean flag(String name, boolean fallback) {
        return fallback || values.containsKey(name);
    }

    /** Parses a whole number; {@code dflt} null means the option is required. */
    static long number(String option, String text, Long dflt, String unit) {
        if (text == null) {
            if (dflt == null) {
                throw new IllegalArgumentException(option + " is required" + (unit.isEmpty() ? "" : " (in " + unit + ")"));
            }
            return dflt;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number" + (unit.isEmpty() ? "" : " of " + unit)
                    + ", was '" + text + "'");
        }
    }
}
