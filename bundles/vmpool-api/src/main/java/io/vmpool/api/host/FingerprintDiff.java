package io.vmpool.api.host;

import java.util.List;

/**
 * Two hosts' fingerprints side by side: every fact whose values differ (a value is null where that
 * host lacks the fact) and how many facts are the same.
 */
public record FingerprintDiff(HostFingerprint a, HostFingerprint b, List<Difference> differences, int same) {

    /** One fact that differs. */
    public record Difference(String key, String a, String b) {
    }

    public FingerprintDiff {
        differences = List.copyOf(differences);
    }
}
