package io.vmpool.health.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.host.AdmissionCheck;
import io.vmpool.api.host.AdmissionCheck.Outcome;
import io.vmpool.api.host.AdmissionRequest;
import io.vmpool.api.host.HostProbe;
import io.vmpool.health.internal.TestConfig;
import io.vmpool.health.internal.edac.EdacTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareProbeTest {
    private static final String LOCAL = "test:///default";

    @TempDir
    Path dir;

    @Test
    void aHostWithEccAndNoUncorrectedErrorsPassesAndItsFactsAreRead() throws Exception {
        EdacTree tree = new EdacTree(dir.resolve("edac")).controller("mc0", "Sandy Bridge SrcID#0_Ha#0", 32768, 3, 0)
                .dimm("mc0", "dimm0", "CPU_SrcID#0_Ha#0_Chan#0_DIMM#0", "S4ECD4ED", 3, 0)
                .dimm("mc0", "dimm1", "CPU_SrcID#0_Ha#0_Chan#1_DIMM#0", "S4ECD4ED", 0, 0);
        Path settings = Files.writeString(dir.resolve("bios.cfg"), "8-DIMM Drive Strength=Auto\n");

        HostProbe.Result r = probe(Map.of()).probe("host3", LOCAL, Map.of(AdmissionRequest.EDAC_ROOT,
                tree.root().toString(), AdmissionRequest.SETTINGS, settings.toString()));

        assertThat(outcome(r, "ecc")).isEqualTo(Outcome.PASSED);
        assertThat(detail(r, "ecc")).startsWith("2 DIMMs on 1 controller(s), mode S4ECD4ED");
        assertThat(outcome(r, "uncorrected-errors")).isEqualTo(Outcome.PASSED);
        assertThat(outcome(r, "settings")).isEqualTo(Outcome.PASSED);
        assertThat(r.facts()).containsEntry("edac.mode", "S4ECD4ED").containsEntry("edac.dimms", "2")
                .containsEntry("edac.driver", "Sandy Bridge SrcID#0_Ha#0")
                .containsEntry("setting.8-DIMM Drive Strength", "Auto")
                .containsEntry("kernel.release", Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());
    }

    @Test
    void eccOffOnOneDimmAndAnUncorrectedErrorEachFailWithWhatWasSeen() {
        EdacTree tree = new EdacTree(dir.resolve("edac")).controller("mc0", "i7core", 8192, 0, 1)
                .dimm("mc0", "dimm0", "DIMM_A1", "SECDED", 0, 1)
                .dimm("mc0", "dimm1", "DIMM_B1", "None", 0, 0);

        HostProbe.Result r = probe(Map.of()).probe("host3", LOCAL, Map.of(AdmissionRequest.EDAC_ROOT, tree.root().toString()));

        assertThat(outcome(r, "ecc")).isEqualTo(Outcome.FAILED);
        assertThat(detail(r, "ecc")).startsWith("1 of 2 DIMMs in " + tree.root() + " report no ECC mode: mc0/dimm1 "
                + "(DIMM_B1) mode None");
        assertThat(outcome(r, "uncorrected-errors")).isEqualTo(Outcome.FAILED);
        assertThat(detail(r, "uncorrected-errors")).endsWith("mc0 ue_count 1, mc0/dimm0 (DIMM_A1) dimm_ue_count 1");
    }

    @Test
    void noEdacControllerFailsEccAndANamedSourceThatIsMissingFailsItsCheck() {
        HostProbe.Result r = probe(Map.of()).probe("host3", LOCAL, Map.of(AdmissionRequest.EDAC_ROOT,
                dir.resolve("nothing").toString(), AdmissionRequest.DMIDECODE, dir.resolve("none.txt").toString()));

        assertThat(outcome(r, "ecc")).isEqualTo(Outcome.FAILED);
        assertThat(detail(r, "ecc")).contains("no EDAC memory controller");
        assertThat(outcome(r, "uncorrected-errors")).isEqualTo(Outcome.SKIPPED);
        assertThat(outcome(r, "dmidecode")).isEqualTo(Outcome.FAILED);
        assertThat(detail(r, "dmidecode")).startsWith(dir.resolve("none.txt") + " is not a file");
    }

    @Test
    void aDefaultDmidecodeThatCannotRunIsSkippedNotFailed() {
        HostProbe.Result r = probe(Map.of("localDmidecodeCommand", "/no/such/dmidecode")).probe("host3", LOCAL, Map.of());

        assertThat(outcome(r, "dmidecode")).isEqualTo(Outcome.SKIPPED);
        assertThat(detail(r, "dmidecode")).startsWith("cannot run '/no/such/dmidecode'");
    }

    /** A remote URI runs every read through remoteCommand; here a prefix that runs them on this machine. */
    @Test
    void aRemoteHostIsReadThroughTheRemoteCommandWithItsHostSubstituted() throws Exception {
        Path remote = remoteTree("sys/devices/system/edac");

        HostProbe.Result r = probe(Map.of("remoteCommand", remote + " ${host}"))
                .probe("node7", "qemu+ssh://root@node7.example.org/system", Map.of());

        assertThat(outcome(r, "ecc")).isEqualTo(Outcome.PASSED);
        assertThat(detail(r, "ecc")).endsWith("in node7.example.org:/sys/devices/system/edac");
        assertThat(r.facts()).containsEntry("edac.mode", "SECDED").containsKey("kernel.release");
        // dmidecode cannot run here: skipped, with what the command said
        assertThat(outcome(r, "dmidecode")).isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void aRemoteHostsEdacTreeIsReadWhereRemoteEdacRootSays() throws Exception {
        Path remote = remoteTree("srv/edac-mirror");

        HostProbe.Result r = probe(Map.of("remoteCommand", remote + " ${host}", "remoteEdacRoot", "/srv/edac-mirror/"))
                .probe("node7", "qemu+ssh://root@node7.example.org/system", Map.of());

        assertThat(outcome(r, "ecc")).isEqualTo(Outcome.PASSED);
        assertThat(detail(r, "ecc")).endsWith("in node7.example.org:/srv/edac-mirror");
        assertThat(r.facts()).containsEntry("edac.mode", "SECDED");
        assertThatThrownBy(() -> probe(Map.of("remoteEdacRoot", "sys/devices/system/edac")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("remoteEdacRoot in io.vmpool.health.probe must be an absolute path without spaces or '..', "
                        + "was 'sys/devices/system/edac'");
    }

    /**
     * An EDAC tree at {@code relative} under the test's directory, and a remoteCommand script that checks
     * the host it is given and answers "grep -r . /<relative>/mc" from that tree the way sysfs would.
     */
    private Path remoteTree(String relative) throws Exception {
        new EdacTree(dir.resolve(relative)).controller("mc0", "skx", 16384, 0, 0).dimm("mc0", "dimm0", "A1", "SECDED", 0, 0);
        Path remote = dir.resolve("remote");
        Files.writeString(remote, "#!/bin/sh\n[ \"$1\" = node7.example.org ] || exit 9\nshift\n"
                + "if [ \"$1\" = grep ]; then cd " + dir + " && grep -r . \"${4#/}\" | sed 's#^#/#'; "
                + "else exec \"$@\"; fi\n");
        remote.toFile().setExecutable(true);
        return remote;
    }

    @Test
    void aCommandPastItsTimeoutIsStoppedAndNamed() throws Exception {
        HostProbe.Result r = probe(Map.of("localDmidecodeCommand", "sleep 30", "commandTimeoutSeconds", 1L))
                .probe("host3", LOCAL, Map.of());

        assertThat(detail(r, "dmidecode")).startsWith("'sleep 30' did not finish within 1 s (commandTimeoutSeconds in "
                + "io.vmpool.health.probe)");
    }

    @Test
    void urisWithoutARemoteHostAreLocal() {
        assertThat(HardwareProbe.remoteHost("qemu:///system")).isNull();
        assertThat(HardwareProbe.remoteHost("test:///etc/vmpool-host1.xml")).isNull();
        assertThat(HardwareProbe.remoteHost("qemu+ssh://root@localhost/system")).isNull();
        assertThat(HardwareProbe.remoteHost("qemu+ssh://root@h1.example.org/system")).isEqualTo("h1.example.org");
    }

    private static Outcome outcome(HostProbe.Result r, String check) {
        return r.checks().stream().filter(c -> c.name().equals(check)).map(AdmissionCheck::outcome).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + check + " in " + r.checks()));
    }

    private static String detail(HostProbe.Result r, String check) {
        return r.checks().stream().filter(c -> c.name().equals(check)).map(AdmissionCheck::detail).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + check + " in " + r.checks()));
    }

    /** The probe with its OCD defaults, overridden by {@code values}. */
    static HardwareProbe probe(Map<String, Object> values) {
        return new HardwareProbe(TestConfig.of(ProbeConfig.class, values));
    }
}
