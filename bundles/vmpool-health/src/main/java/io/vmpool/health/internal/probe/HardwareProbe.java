package io.vmpool.health.internal.probe;

import io.vmpool.api.host.AdmissionCheck;
import io.vmpool.api.host.AdmissionRequest;
import io.vmpool.api.host.HostProbe;
import io.vmpool.health.internal.edac.EdacReader;
import io.vmpool.health.internal.edac.EdacSample;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The hardware side of a host's admission and fingerprint (docs/admission.md): its EDAC controllers
 * (ECC present and enabled, no uncorrected errors), what dmidecode prints, the admin's settings file and
 * the kernel release. Reads the sources named at host:add; without them, this machine for a local URI,
 * or the host through {@code remoteCommand}. Never throws for what it cannot read.
 */
@Component(service = HostProbe.class, configurationPid = ProbeConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ProbeConfig.class)
public final class HardwareProbe implements HostProbe {
    static final String DMIDECODE = "dmidecode";
    static final String SETTINGS = "settings";
    static final String KERNEL = "kernel";

    private final ProbeConfig config;
    /** Without a trailing slash. */
    private final String remoteEdacRoot;
    private final ProbeCommands commands;
    private final Clock clock;

    @Activate
    public HardwareProbe(ProbeConfig config) {
        this(config, Clock.systemUTC());
    }

    HardwareProbe(ProbeConfig config, Clock clock) {
        if (config.commandTimeoutSeconds() < 1 || config.maxOutputKiB() < 1) {
            throw new IllegalArgumentException("commandTimeoutSeconds and maxOutputKiB in " + ProbeConfig.PID
                    + " must be at least 1, were " + config.commandTimeoutSeconds() + " and " + config.maxOutputKiB());
        }
        String root = config.remoteEdacRoot().replaceAll("/+$", "");
        if (!root.startsWith("/") || root.contains("..") || root.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("remoteEdacRoot in " + ProbeConfig.PID + " must be an absolute path "
                    + "without spaces or '..', was '" + config.remoteEdacRoot() + "'");
        }
        this.remoteEdacRoot = root;
        this.config = config;
        this.commands = new ProbeCommands(config.commandTimeoutSeconds(), config.maxOutputKiB() * 1024);
        this.clock = clock;
    }

    @Override
    public Result probe(String host, String uri, Map<String, String> sources) {
        String remoteHost = remoteHost(uri);
        List<AdmissionCheck> checks = new ArrayList<>();
        Map<String, String> facts = new TreeMap<>();
        edac(remoteHost, sources.get(AdmissionRequest.EDAC_ROOT), checks, facts);
        dmidecode(remoteHost, sources.get(AdmissionRequest.DMIDECODE), checks, facts);
        settings(sources.get(AdmissionRequest.SETTINGS), checks, facts);
        kernel(remoteHost, checks, facts);
        return new Result(checks, facts);
    }

    /** The host part of a URI naming a remote host (qemu+ssh://root@h/system: h), or null for a local one. */
    static String remoteHost(String uri) {
        try {
            String h = URI.create(uri).getHost();
            return h == null || h.isEmpty() || h.equals("localhost") || h.equals("127.0.0.1") ? null : h;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void edac(String remoteHost, String named, List<AdmissionCheck> checks, Map<String, String> facts) {
        if (named != null || remoteHost == null) {
            Path root = Path.of(named != null ? named : config.localEdacRoot());
            EdacSample sample = new EdacReader(root).read(clock.instant());
            checks.addAll(EdacChecks.checks(sample, root.toString()));
            EdacChecks.facts(sample, facts);
            return;
        }
        String where = remoteHost + ":" + remoteEdacRoot;
        Path copy = null;
        try {
            String dump = commands.run(ProbeCommands.remote(config.remoteCommand(), remoteHost, "grep", "-r", ".",
                    remoteEdacRoot + "/mc"));
            copy = Files.createTempDirectory("vmpool-edac-");
            SysfsDump.materialize(dump, remoteEdacRoot + "/", copy);
            EdacSample sample = new EdacReader(copy).read(clock.instant());
            checks.addAll(EdacChecks.checks(sample, where));
            EdacChecks.facts(sample, facts);
        } catch (IOException e) {
            checks.add(AdmissionCheck.failed(EdacChecks.ECC, "cannot read the EDAC tree of " + remoteHost + ": "
                    + e.getMessage() + " (name a copy with --edac-root, or fix remoteCommand in " + ProbeConfig.PID + ")"));
            checks.add(AdmissionCheck.skipped(EdacChecks.UNCORRECTED, "no EDAC counters read from " + where));
        } finally {
            deleteQuietly(copy);
        }
    }

    private void dmidecode(String remoteHost, String named, List<AdmissionCheck> checks, Map<String, String> facts) {
        String from;
        String text;
        try {
            if (named != null) {
                from = named;
                text = commands.read(Path.of(named));
            } else if (remoteHost == null) {
                from = "'" + config.localDmidecodeCommand() + "'";
                text = commands.run(ProbeCommands.words(config.localDmidecodeCommand()));
            } else {
                from = "dmidecode on " + remoteHost;
                text = commands.run(ProbeCommands.remote(config.remoteCommand(), remoteHost, "dmidecode"));
            }
        } catch (IOException e) {
            String detail = e.getMessage() + "; the fingerprint has no BIOS, board or memory facts";
            checks.add(named != null ? AdmissionCheck.failed(DMIDECODE, detail)
                    : AdmissionCheck.skipped(DMIDECODE, detail + " (name dmidecode's output with --dmidecode FILE)"));
            return;
        }
        DmidecodeFacts.Result r = DmidecodeFacts.parse(text);
        if (!r.problems().isEmpty()) {
            String detail = from + ": " + String.join("; ", r.problems());
            checks.add(named != null ? AdmissionCheck.failed(DMIDECODE, detail) : AdmissionCheck.skipped(DMIDECODE, detail));
            return;
        }
        facts.putAll(r.facts());
        checks.add(AdmissionCheck.passed(DMIDECODE, "from " + from + ": BIOS " + r.facts().getOrDefault("bios.vendor", "?")
                + " " + r.facts().getOrDefault("bios.version", "?") + " (" + r.facts().getOrDefault("bios.date", "?")
                + "), " + r.facts().get("memory.dimms") + " DIMMs, " + r.facts().get("memory.totalMiB") + " MiB"));
    }

    private void settings(String named, List<AdmissionCheck> checks, Map<String, String> facts) {
        if (named == null) {
            return;
        }
        try {
            SettingsFacts.Result r = SettingsFacts.parse(commands.read(Path.of(named)), named);
            facts.putAll(r.facts());
            checks.add(AdmissionCheck.passed(SETTINGS, r.facts().size() + " settings from " + named
                    + (r.problems().isEmpty() ? "" : "; skipped: " + String.join("; ", r.problems()))));
        } catch (IOException e) {
            checks.add(AdmissionCheck.failed(SETTINGS, "cannot read " + named + ": " + e.getMessage()));
        }
    }

    private void kernel(String remoteHost, List<AdmissionCheck> checks, Map<String, String> facts) {
        try {
            String release = remoteHost == null
                    ? commands.read(Path.of(config.localKernelReleaseFile()))
                    : commands.run(ProbeCommands.remote(config.remoteCommand(), remoteHost, "uname", "-r"));
            facts.put("kernel.release", release.strip());
            checks.add(AdmissionCheck.passed(KERNEL, release.strip()));
        } catch (IOException e) {
            checks.add(AdmissionCheck.skipped(KERNEL, "kernel release not read: " + e.getMessage()));
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary copy left behind is harmless
        }
    }

    /** Turns {@code grep -r . <dir>} output ("path:value" lines) back into a directory tree of small files. */
    static final class SysfsDump {
        private SysfsDump() {
        }

        static void materialize(String dump, String stripPrefix, Path into) throws IOException {
            for (String line : dump.split("\n")) {
                int colon = line.indexOf(':');
                if (colon <= 0 || !line.startsWith(stripPrefix)) {
                    continue;
                }
                String relative = line.substring(stripPrefix.length(), colon);
                Path file = into.resolve(relative).normalize();
                if (!file.startsWith(into) || relative.contains("..")) {
                    continue;
                }
                Files.createDirectories(file.getParent());
                Files.write(file, (line.substring(colon + 1) + "\n").getBytes(StandardCharsets.UTF_8),
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
        }
    }
}
