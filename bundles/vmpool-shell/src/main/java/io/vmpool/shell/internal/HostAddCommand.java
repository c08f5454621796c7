package io.vmpool.shell.internal;

import io.vmpool.api.host.AdmissionCheck;
import io.vmpool.api.host.AdmissionRefusedException;
import io.vmpool.api.host.AdmissionReport;
import io.vmpool.api.host.AdmissionRequest;
import io.vmpool.api.host.HostAdmissionService;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * host:add host3 qemu+ssh://root@host3/system --dmidecode host3.dmi --settings host3-bios.cfg — checks the host,
 * records its fingerprint and adds it to the pool in PROBATION (docs/admission.md). Options may follow the
 * arguments ({@link TrailingOptions}).
 */
@Service
@Command(scope = "host", name = "add", description = "Checks a host (reachable, node info, ECC, no uncorrected errors), "
        + "records its fingerprint and adds it to the pool in PROBATION")
public class HostAddCommand implements Action {
    private static final List<String> TRAILING = List.of("--reserved-memory", "--edac-root", "--dmidecode", "--settings",
            "--accept");

    @Reference
    HostAdmissionService admission;

    @Argument(index = 0, name = "name", required = true, description = "The host's pool name: a lower-case letter, "
            + "then up to 62 of a-z 0-9 -")
    String name;

    @Argument(index = 1, name = "uri", required = true, description = "Its libvirt URI, e.g. qemu+ssh://root@host3/system")
    String uri;

    @Argument(index = 2, name = "options", multiValued = true, description = "The options below may also follow the URI")
    List<String> trailing;

    @Option(name = "--reserved-memory", description = "Memory kept back for the host itself, in MiB (default: "
            + "io.vmpool.host's reservedMemoryMiB default)")
    String reservedMemory;

    @Option(name = "--edac-root", description = "A copy of the host's /sys/devices/system/edac (default: read by the "
            + "probe, io.vmpool.health.probe)")
    String edacRoot;

    @Option(name = "--dmidecode", description = "A file with what dmidecode printed on the host")
    String dmidecode;

    @Option(name = "--settings", description = "A key=value file of settings exported from the host (BIOS settings)")
    String settings;

    @Option(name = "--accept", description = "Failed checks to accept, comma-separated (e.g. ecc for a machine "
            + "without ECC); recorded")
    String accept;

    @Override
    public Object execute() {
        TrailingOptions t = TrailingOptions.parse(trailing, TRAILING);
        String reserve = t.value("--reserved-memory", null, reservedMemory);
        Map<String, String> sources = new HashMap<>();
        put(sources, AdmissionRequest.EDAC_ROOT, t.value("--edac-root", null, edacRoot));
        put(sources, AdmissionRequest.DMIDECODE, t.value("--dmidecode", null, dmidecode));
        put(sources, AdmissionRequest.SETTINGS, t.value("--settings", null, settings));
        String accepted = t.value("--accept", null, accept);
        Set<String> acceptSet = accepted == null ? Set.of() : Arrays.stream(accepted.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        AdmissionRequest request = new AdmissionRequest(name, uri, reserve == null ? OptionalLong.empty()
                : OptionalLong.of(TrailingOptions.number("--reserved-memory", reserve, null, "MiB")), sources, acceptSet);
        try {
            AdmissionReport report = admission.admit(request, ShellCaller.current());
            print(report.checks());
            System.out.println(report.host() + " admitted" + (report.state() == null ? "" : ", " + report.state())
                    + "; fingerprint of " + report.fingerprint().facts().size() + " facts recorded (host:fingerprint "
                    + report.host() + ")");
        } catch (AdmissionRefusedException e) {
            print(e.checks());
            throw e;
        }
        return null;
    }

    private static void print(List<AdmissionCheck> checks) {
        for (AdmissionCheck c : checks) {
            System.out.println(String.format("%-8s %-19s %s", c.outcome(), c.name(), c.detail()));
        }
    }

    private static void put(Map<String, String> sources, String key, String value) {
        if (value != null && !value.isBlank()) {
            sources.put(key, value);
        }
    }
}
