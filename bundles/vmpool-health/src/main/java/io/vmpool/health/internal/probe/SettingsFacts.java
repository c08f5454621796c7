package io.vmpool.health.internal.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Facts from a settings file the admin exported from a host (BIOS settings from a vendor tool):
 * {@code key=value} or {@code key: value} lines, {@code #} and {@code ;} comment lines, a trailing
 * {@code // comment} after whitespace, and {@code [section]} headers, which prefix the keys that follow
 * ({@code setting.<section>/<key>}). A line that is none of these is reported and skipped.
 */
final class SettingsFacts {

    record Result(Map<String, String> facts, List<String> problems) {
    }

    private SettingsFacts() {
    }

    static Result parse(String text, String source) {
        Map<String, String> facts = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        String section = "";
        int number = 0;
        for (String raw : text.split("\r?\n")) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            int comment = line.indexOf(" //");
            if (comment < 0) {
                comment = line.indexOf("\t//");
            }
            if (comment > 0) {
                line = line.substring(0, comment).strip();
            }
            int eq = line.indexOf('=');
            int colon = line.indexOf(':');
            int at = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (at <= 0) {
                problems.add(source + " line " + number + " is not key=value: '" + abbreviated(line) + "'");
                continue;
            }
            String key = line.substring(0, at).strip();
            String value = line.substring(at + 1).strip();
            facts.put("setting." + (section.isEmpty() ? key : section + "/" + key), value);
        }
        return new Result(facts, problems);
    }

    private static String abbreviated(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}
