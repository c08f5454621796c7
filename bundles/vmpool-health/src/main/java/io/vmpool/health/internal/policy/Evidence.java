package io.vmpool.health.internal.policy;

import java.util.List;

/** Evidence as it is written into events and alerts: the first lines, joined, with how many were left out. */
public final class Evidence {
    private Evidence() {
    }

    /** At most {@code limit} lines joined by " | "; "none" for no lines. */
    public static String firstLines(List<String> lines, int limit) {
        if (lines.isEmpty()) {
            return "none";
        }
        String shown = String.join(" | ", lines.subList(0, Math.min(limit, lines.size())));
        return lines.size() > limit ? shown + " | (" + (lines.size() - limit) + " more lines)" : shown;
    }
}
