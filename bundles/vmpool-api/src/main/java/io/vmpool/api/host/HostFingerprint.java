package io.vmpool.api.host;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a host is made of at one moment: facts as sorted key/value pairs ({@code bios.version},
 * {@code memory.P1-DIMMA1.speed}, {@code kernel.release}, {@code setting.<key>}, ...; the keys are
 * listed in docs/admission.md), so that two hosts compare key by key.
 */
public record HostFingerprint(String host, Instant takenAt, SortedMap<String, String> facts) {

    public HostFingerprint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(takenAt, "takenAt");
        facts = Collections.unmodifiableSortedMap(new TreeMap<>(facts));
    }

    public static HostFingerprint of(String host, Instant takenAt, Map<String, String> facts) {
        return new HostFingerprint(host, takenAt, new TreeMap<>(facts));
    }
}
