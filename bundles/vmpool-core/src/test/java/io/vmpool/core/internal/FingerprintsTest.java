package io.vmpool.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.api.host.FingerprintDiff;
import io.vmpool.api.host.HostFingerprint;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintsTest {
    private static final Instant T = Instant.parse("2026-12-02T01:00:00Z");

    @Test
    void differingAndOneSidedFactsAreListedInKeyOrderAndTheRestCounted() {
        HostFingerprint a = HostFingerprint.of("host1", T, Map.of("bios.version", "2.0b", "cpu.model", "SandyBridge",
                "setting.8-DIMM Drive Strength", "Auto", "edac.mode", "S4ECD4ED"));
        HostFingerprint b = HostFingerprint.of("host2", T, Map.of("bios.version", "3.0a", "cpu.model", "SandyBridge",
                "setting.8-DIMM Drive Strength", "Normal", "kernel.release", "6.1.0-57-amd64"));

        FingerprintDiff d = Fingerprints.diff(a, b);

        assertThat(d.differences()).containsExactly(
                new FingerprintDiff.Difference("bios.version", "2.0b", "3.0a"),
                new FingerprintDiff.Difference("edac.mode", "S4ECD4ED", null),
                new FingerprintDiff.Difference("kernel.release", null, "6.1.0-57-amd64"),
                new FingerprintDiff.Difference("setting.8-DIMM Drive Strength", "Auto", "Normal"));
        assertThat(d.same()).isEqualTo(1);
    }

    @Test
    void aHostComparedWithItselfHasNoDifference() {
        HostFingerprint a = HostFingerprint.of("host1", T, Map.of("bios.version", "2.0b"));
        assertThat(Fingerprints.diff(a, a).differences()).isEmpty();
    }
}
