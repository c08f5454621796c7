package io.vmpool.health.internal.mce;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/** "KEY value KEY value ..." as in the kernel's "TSC 0 ADDR 12345000 MISC 8c" lines. */
final class KeyValues {
    private final Map<String, String> values;

    private KeyValues(Map<String, String> values) {
        this.values = values;
    }

    static KeyValues of(String text) {
        String[] tokens = text.trim().split("\\s+");
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i + 1 < tokens.length; i += 2) {
            values.put(tokens[i], tokens[i + 1]);
        }
        return new KeyValues(values);
    }

    String get(String key) {
        return values.get(key);
    }

    /** The value as unsigned hex; empty if absent. */
    OptionalLong hex(String key) {
        String value = values.get(key);
        return value == null ? OptionalLong.empty() : OptionalLong.of(Hex.parse(value));
    }
}
