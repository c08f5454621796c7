package io.vmpool.core.internal;

import io.vmpool.api.host.FingerprintDiff;
import io.vmpool.api.host.HostFingerprint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** Compares two hosts' fingerprints fact by fact. */
final class Fingerprints {
    private Fingerprints() {
    }

    static FingerprintDiff diff(HostFingerprint a, HostFingerprint b) {
        TreeSet<String> keys = new TreeSet<>(a.facts().keySet());
        keys.addAll(b.facts().keySet());
        List<FingerprintDiff.Difference> differences = new ArrayList<>();
        int same = 0;
        for (String key : keys) {
            String va = a.facts().get(key);
            String vb = b.facts().get(key);
            if (Objects.equals(va, vb)) {
                same++;
            } else {
                differences.add(new FingerprintDiff.Difference(key, va, vb));
            }
        }
        return new FingerprintDiff(a, b, differences, same);
    }
}
