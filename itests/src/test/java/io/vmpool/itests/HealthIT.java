package io.vmpool.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import io.vmpool.api.health.HealthObservation;
import io.vmpool.api.health.HostHealth;
import io.vmpool.api.health.HostHealthService;
import io.vmpool.api.health.HostState;
import io.vmpool.api.health.Signal;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.HostStatus;
import io.vmpool.api.machine.MachineService;
import io.vmpool.api.machine.MachineSpec;
import io.vmpool.api.machine.NoCapacityException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Host health in the distribution: a host's console file fed with real machine-check output (QEMU
 * captures, docs/health.md) takes it DEGRADED, then FAILED; placement skips it with the reason; the
 * alert reaches a real SMTP server once; the shell shows states and events; an admin clears it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HealthIT extends VmpoolTestSupport {
    private static final Caller ADMIN = Caller.of("admin", "vmpool-admin");

    @Inject
    protected MachineService machines;

    @Inject
    protected FeaturesService features;

    @Inject
    protected ConfigurationAdmin configs;

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(baseConfig(),
                editConfigurationFilePut("etc/io.vmpool.core.cfg", "heartbeatSeconds", "1"),
                // a probation of one minute (the shipped day), so the test sees an admitted host end it on the real timer
                editConfigurationFilePut("etc/io.vmpool.health.cfg", "probationMinutes", "1"),
                editConfigurationFilePut("etc/io.vmpool.alert.mail.cfg", "host", "127.0.0.1"),
                editConfigurationFilePut("etc/io.vmpool.alert.mail.cfg", "port", String.valueOf(MailForTests.smtpPort())),
                editConfigurationFilePut("etc/io.vmpool.alert.mail.cfg", "from", "vmpool@example.org"),
                editConfigurationFilePut("etc/io.vmpool.alert.mail.cfg", "to", MailForTests.USER),
                systemProperty("vmpool.test.pop3Port").value(String.valueOf(MailForTests.pop3Port())),
                systemProperty("vmpool.test.fixtures").value(
                        new File("../bundles/vmpool-health/src/test/resources/fixtures").getAbsolutePath()));
    }

    @Test
    public void machineChecksOnAConsoleTakeTheHostOutOfPlacementAndMailOneAlert() throws Exception {
        features.installFeature("vmpool-health", EnumSet.noneOf(FeaturesService.Option.class));
        features.installFeature("vmpool-alert-mail", EnumSet.noneOf(FeaturesService.Option.class));
        // looked up at each use: the policy is the service of whichever instance runs now
        HostHealthService health = (HostHealthService) java.lang.reflect.Proxy.newProxyInstance(
                HealthIT.class.getClassLoader(), new Class<?>[] {HostHealthService.class},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(service(HostHealthService.class), args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        waitFor(() -> state(health, "host1") == HostState.HEALTHY && state(health, "host2") == HostState.HEALTHY,
                Duration.ofSeconds(60), "both hosts HEALTHY from their heartbeats");

        Path fixtures = Path.of(System.getProperty("vmpool.test.fixtures"));
        Path console = karafHome().resolve("data/consoles/host1.log");
        Files.createDirectories(console.getParent());
        Files.writeString(console, "");
        org.osgi.service.cm.Configuration collector = configs.getFactoryConfiguration("io.vmpool.health.console", "host1", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("host", "host1");
        props.put("path", console.toString());
        props.put("pollMillis", 100L);
        props.put("fromStart", true);
        props.put("correctedPerHourThreshold", 20.0);
        collector.update(props);
        io.vmpool.api.health.ConsoleService consoles = service(io.vmpool.api.health.ConsoleService.class);
        waitFor(() -> consoles.hosts().contains("host1"), Duration.ofSeconds(60), "host1's console captured");
        try {
            // 40 corrected machine checks (rasdaemon's QEMU run): over 20 an hour
            append(console, fixtures.resolve("qemu-rasdaemon.log"));
            waitFor(() -> state(health, "host1") == HostState.DEGRADED, Duration.ofSeconds(60), "host1 DEGRADED");
            HostStatus degraded = host("host1");
            assertTrue(degraded.toString(), degraded.problem() != null && degraded.problem().startsWith("DEGRADED since"));

            // a corrected record, then a fatal one (PCC) and the panic
            append(console, fixtures.resolve("qemu-corrected-then-fatal.log"));
            waitFor(() -> state(health, "host1") == HostState.FAILED, Duration.ofSeconds(60), "host1 FAILED");
            // the record makes it FAILED; the panic lines after it may still be on their way to the policy
            waitFor(() -> health.health("host1").orElseThrow().recent().stream().anyMatch(o -> o.signal()
                    == Signal.FATAL_MACHINE_CHECK && o.summary().contains("panic")), Duration.ofSeconds(60),
                    "the panic observed");
            HostHealth failed = health.health("host1").orElseThrow();
            // the decoded record (PCC set) and the panic that followed it, each with its console lines
            List<HealthObservation> fatal = failed.recent().stream().filter(o -> o.signal() == Signal.FATAL_MACHINE_CHECK)
                    .toList();
            assertTrue(failed.recent().toString(), fatal.stream().anyMatch(o -> String.join("\n", o.evidence())
                    .contains("be00000000800090")));
            assertTrue(failed.recent().toString(), fatal.stream().anyMatch(o -> o.summary().contains("panic")));

            // placement skips it and says why
            assertRefusedNaming("host1", "FAILED since");
            String created = adminShell("vm:create afterfail --memory 256 --disk 1");
            assertTrue(created, created.contains("afterfail RUNNING on host2"));
            machines.delete("afterfail", ADMIN);

            // the same fatal record again: counted in the alert window, not mailed again
            append(console, fixtures.resolve("qemu-corrected-then-fatal.log"));
            waitFor(() -> health.health("host1").orElseThrow().recent().stream()
                    .filter(o -> o.signal() == Signal.FATAL_MACHINE_CHECK).count() >= 2, Duration.ofSeconds(60),
                    "the repeated fatal record observed");
            int pop3 = Integer.parseInt(System.getProperty("vmpool.test.pop3Port"));
            waitFor(() -> fatalMails(pop3).size() >= 1, Duration.ofSeconds(60), "the FAILED alert mailed");
            Thread.sleep(2000); // a second mail, if one were sent for the repeat, would have been sent by now
            List<String> fatalMails = fatalMails(pop3);
            assertEquals(String.join("\n----\n", fatalMails), 1, fatalMails.size());
            assertTrue(fatalMails.get(0), fatalMails.get(0).contains("host1") && fatalMails.get(0).contains("FAILED"));

            // what an admin sees, and the way back
            String hostHealth = adminShell("host:health host1");
            assertTrue(hostHealth, hostHealth.contains("host1: FAILED since") && hostHealth.contains("FATAL_MACHINE_CHECK"));
            String events = adminShell("health:events host1");
            assertTrue(events, events.contains("host.state") && events.contains("DEGRADED -> FAILED"));
            String tail = adminShell("host:console --tail 5 host1");
            assertTrue(tail, tail.contains("end Kernel panic - not syncing: Fatal local machine check"));
            var restTail = rest("GET", "/hosts/host1/console?tail=5", null, "admin", adminPassword());
            assertEquals(restTail.body(), 200, restTail.statusCode());
            assertTrue(restTail.body(), restTail.body().startsWith("[") && restTail.body().contains("Fatal local machine check"));
            var notAdmin = rest("GET", "/hosts/host1/console", null, "alice", ALICE_PASSWORD);
            assertEquals(notAdmin.body(), 403, notAdmin.statusCode());
            String cleared = adminShell("host:clear --reason DIMM-replaced host1");
            assertTrue(cleared, cleared.contains("host1"));
            HostHealth afterClear = health.health("host1").orElseThrow();
            assertEquals(afterClear.toString(), HostState.PROBATION, afterClear.state());
            assertTrue(afterClear.reason(), afterClear.reason().contains("cleared by admin: DIMM-replaced"));
        } finally {
            collector.delete();
        }
    }

    /**
     * host:add checks a host before it takes machines (here: a copy of an EDAC tree, real dmidecode output
     * from QEMU guests, a BIOS settings export), refuses one whose DIMMs run without ECC and leaves it
     * out, and host:diff shows the BIOS setting planted differently on two admitted hosts.
     */
    @Test
    public void hostsAreAdmittedAfterTheirChecksAndComparedFactByFact() throws Exception {
        features.installFeature("vmpool-health", EnumSet.noneOf(FeaturesService.Option.class));
        service(io.vmpool.api.host.HostProbe.class);
        service(io.vmpool.api.host.HostAdmissionService.class);
        service(HostHealthService.class); // after the feature's configfile arrives: the policy requires it
        Path fixtures = Path.of(System.getProperty("vmpool.test.fixtures"));
        Path facts = karafHome().resolve("data/facts");
        String uri = "test://" + karafHome().resolve("etc/vmpool-host1.xml");
        Path ecc = edacTree(facts.resolve("ecc"), "S4ECD4ED", "S4ECD4ED");
        Path noEcc = edacTree(facts.resolve("no-ecc"), "S4ECD4ED", "None");

        String refused = adminShell("host:add host5 " + uri + " --edac-root " + noEcc + " --dmidecode "
                + fixtures.resolve("dmidecode-qemu-a.txt"));
        assertTrue(refused, refused.contains("FAILED   ecc") && refused.contains("mc0/dimm1 (DIMM_B1) mode None")
                && refused.contains("host host5 was not admitted"));
        assertTrue(adminShell("host:list"), !adminShell("host:list").contains("host5"));
        String unreachable = adminShell("host:add host7 test://" + facts.resolve("no-such-node.xml") + " --edac-root " + ecc);
        assertTrue(unreachable, unreachable.contains("FAILED   reachable") && unreachable.contains("host host7 was not admitted"));
        assertTrue(adminShell("host:list"), !adminShell("host:list").contains("host7"));
        String tooSmall = adminShell("host:add host8 " + uri + " --edac-root " + ecc + " --reserved-memory 8192");
        assertTrue(tooSmall, tooSmall.contains("FAILED   node-info") && tooSmall.contains("its 8192 MiB of memory are "
                + "not more than the 8192 MiB kept back for it (reservedMemoryMiB)") && tooSmall.contains("host host8 was not admitted"));
        assertTrue(adminShell("host:list"), !adminShell("host:list").contains("host8"));
        assertEquals(null, configs.listConfigurations("(&(service.factoryPid=io.vmpool.host)(|(name=host5)(name=host8)))"));

        String added3 = adminShell("host:add host3 " + uri + " --edac-root " + ecc + " --dmidecode "
                + fixtures.resolve("dmidecode-qemu-a.txt") + " --settings " + fixtures.resolve("bios-settings-a.cfg"));
        assertTrue(added3, added3.contains("PASSED   ecc") && added3.contains("PASSED   uncorrected-errors")
                && added3.contains("PASSED   dmidecode") && added3.contains("host3 admitted, PROBATION"));
        String added4 = adminShell("host:add host4 " + uri + " --edac-root " + ecc + " --dmidecode "
                + fixtures.resolve("dmidecode-qemu-b.txt") + " --settings " + fixtures.resolve("bios-settings-b.cfg"));
        assertTrue(added4, added4.contains("host4 admitted"));
        try {
            waitFor(() -> adminShell("host:list").contains("host3") && adminShell("host:list").contains("host4"),
                    Duration.ofSeconds(60), "host3 and host4 in the pool");
            String again = adminShell("host:add host3 " + uri + " --edac-root " + ecc);
            assertTrue(again, again.contains("a pool host is already named host3"));

            String diff = adminShell("host:diff host3 host4");
            assertTrue(diff, diff.lines().anyMatch(l -> l.startsWith("bios.version") && l.contains("2.0b")
                    && l.contains("3.0a")));
            assertTrue(diff, diff.lines().anyMatch(l -> l.contains("8-DIMM Drive Strength") && l.contains("Auto")
                    && l.contains("Normal")));
            assertTrue(diff, diff.lines().noneMatch(l -> l.startsWith("libvirt.version") || l.startsWith("edac.mode")));
            String fingerprint = adminShell("host:fingerprint host3");
            assertTrue(fingerprint, fingerprint.contains("edac.mode") && fingerprint.contains("S4ECD4ED")
                    && fingerprint.contains("libvirt.version"));
            String events = adminShell("health:events host3");
            assertTrue(events, events.contains("admitted by admin with host:add"));

            // on probation (the shipped day) it takes no machines, and a refusal says so
            HostHealth onProbation = service(HostHealthService.class).health("host3").orElseThrow();
            assertEquals(onProbation.toString(), HostState.PROBATION, onProbation.state());
            assertTrue(onProbation.reason(), onProbation.reason().contains("HEALTHY after 1 min without an error"));
            assertRefusedNaming("host3", "PROBATION since");
            // a minute later (the real timer) it is HEALTHY
            try {
                waitFor(() -> state(service(HostHealthService.class), "host3") == HostState.HEALTHY,
                        Duration.ofSeconds(120), "host3 HEALTHY after its one-minute probation");
            } catch (AssertionError late) {
                // what the policy says of host3 now, and every line it logged of it (once failed: see docs/health.md)
                throw new AssertionError(late.getMessage() + "; host3 now: " + service(HostHealthService.class)
                        .health("host3") + "; logged: " + logLines("host host3:", "health policy started"), late);
            }
            String after = adminShell("health:events host3");
            assertTrue(after, after.contains("PROBATION -> HEALTHY: no error for 1 min of probation"));

            // the same over REST: the diff, and a refusal with its checks
            var rest = rest("GET", "/hosts/host3/diff/host4", null, "admin", adminPassword());
            assertEquals(rest.body(), 200, rest.statusCode());
            assertTrue(rest.body(), rest.body().contains("\"key\":\"bios.version\",\"a\":\"2.0b\",\"b\":\"3.0a\""));
            var post = rest("POST", "/hosts", "{\"name\":\"host6\",\"uri\":\"" + uri + "\",\"edacRoot\":\""
                    + noEcc + "\"}", "admin", adminPassword());
            assertEquals(post.body(), 409, post.statusCode());
            assertTrue(post.body(), post.body().contains("admission-refused") && post.body().contains("\"name\":\"ecc\""));
        } finally {
            adminShell("host:remove host3");
            adminShell("host:remove host4");
        }
        waitFor(() -> !adminShell("host:list").contains("host3"), Duration.ofSeconds(60), "host3 removed");
    }

    /**
     * A machine's serial log (as virtlogd appends it; the test driver writes none) is kept and shown to
     * its owner and to administrators, and to nobody else.
     */
    @Test
    public void aMachinesSerialConsoleIsShownToItsOwnerOnly() throws Exception {
        features.installFeature("vmpool-health", EnumSet.noneOf(FeaturesService.Option.class));
        Path serial = Files.createDirectories(karafHome().resolve("data/serial"));
        org.osgi.service.cm.Configuration capture = configs.getConfiguration("io.vmpool.health.machineconsole", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("directory", serial.toString());
        props.put("pollMillis", 100L);
        capture.update(props);
        machines.create(new MachineSpec("alicevm", 256, 1, 1, "alice"), ADMIN);
        machines.create(new MachineSpec("adminvm", 256, 1, 1, null), ADMIN);
        try {
            Files.writeString(serial.resolve("alicevm-serial.log"), "SeaBIOS (version 1.16.2-debian-1.16.2-1)\n"
                    + "Booting from Hard Disk...\nalicevm login: \n");
            Files.writeString(serial.resolve("adminvm-serial.log"), "adminvm login: \n");
            waitFor(() -> rest("GET", "/vms/alicevm/console?tail=2", null, "alice", ALICE_PASSWORD).body()
                    .contains("alicevm login:"), Duration.ofSeconds(60), "alice sees her machine's console");
            var others = rest("GET", "/vms/adminvm/console", null, "alice", ALICE_PASSWORD);
            assertEquals(others.body(), 404, others.statusCode());
            String shell = adminShell("vm:console --tail 1 alicevm");
            assertTrue(shell, shell.contains("alicevm login:") && !shell.contains("SeaBIOS"));
        } finally {
            machines.delete("alicevm", ADMIN);
            machines.delete("adminvm", ADMIN);
            capture.delete();
        }
    }

    /**
     * rasdaemon's own database (the schema rasdaemon 0.6.8 created in a QEMU guest, docs/health.md) read
     * inside Karaf: sqlite-jdbc's native library loads in OSGi, the rows there at start are the baseline, and
     * two records appended afterwards (a corrected one, then a fatal one) reach the policy. The host is one
     * placement never sees, so the other tests' hosts stay as they are.
     */
    @Test
    public void rasdaemonRecordsAppendedToItsDatabaseReachThePolicy() throws Exception {
        features.installFeature("vmpool-health", EnumSet.noneOf(FeaturesService.Option.class));
        service(HostHealthService.class); // the collectors post to the policy
        Path db = karafHome().resolve("data/rasdaemon/ras-mc_event.db");
        Files.createDirectories(db.getParent());
        Files.copy(Path.of(System.getProperty("vmpool.test.fixtures")).resolve("rasdaemon-ras-mc_event.db"), db);
        org.osgi.service.cm.Configuration collector = configs.getFactoryConfiguration("io.vmpool.health.rasdaemon",
                "rashost", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("host", "rashost");
        props.put("database", db.toString());
        props.put("intervalSeconds", 1L);
        collector.update(props);
        try {
            // the first poll takes the baseline (rows already there are not news) and logs it; then append
            // what rasdaemon writes for a corrected and a fatal record
            waitFor(() -> logLines("rasdaemon of rashost").contains("reporting only newer ones"), Duration.ofSeconds(60),
                    "rasdaemon's baseline taken for rashost");
            org.sqlite.SQLiteDataSource source = new org.sqlite.SQLiteDataSource();
            source.setUrl("jdbc:sqlite:" + db);
            try (java.sql.Connection c = source.getConnection(); java.sql.Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO mce_record (timestamp, status, addr, walltime, cpu, bank) VALUES "
                        + "('2026-12-02 01:40:00 +0000', -7205759403792793441, 305418240, 1796160000, 0, 1)");
                st.executeUpdate("INSERT INTO mce_record (timestamp, status, addr, walltime, cpu, bank) VALUES "
                        + "('2026-12-02 01:40:01 +0000', -4755801206494855024, 8384512, 1796160001, 0, 2)");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!service(HostHealthService.class).health("rashost").map(h -> h.state() == HostState.FAILED
                    && h.recent().stream().anyMatch(o -> o.source().equals("rasdaemon")
                            && o.signal() == Signal.CORRECTED_ERROR)).orElse(false)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("rasdaemon's records did not make rashost FAILED within 60 s; its health: "
                            + service(HostHealthService.class).health("rashost") + "\n" + logLines("rasdaemon"));
                }
                Thread.sleep(200); // polling interval, not a wait for the result
            }
        } finally {
            collector.delete();
        }
    }

    /** The Karaf log's lines that mention one of {@code words}, for a failure message. */
    private String logLines(String... words) {
        try (var lines = Files.lines(karafHome().resolve("data/log/karaf.log"))) {
            return String.join("\n", lines.filter(l -> java.util.Arrays.stream(words)
                    .anyMatch(w -> l.toLowerCase(java.util.Locale.ROOT).contains(w))).toList());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return "(no karaf.log: " + e + ")";
        }
    }

    /** An EDAC tree of one controller with two DIMMs in the given ECC modes, no errors. */
    private static Path edacTree(Path root, String mode0, String mode1) throws java.io.IOException {
        Path mc = root.resolve("mc/mc0");
        write(mc.resolve("mc_name"), "Sandy Bridge SrcID#0_Ha#0");
        write(mc.resolve("ce_count"), "0");
        write(mc.resolve("ue_count"), "0");
        String[] modes = {mode0, mode1};
        for (int i = 0; i < 2; i++) {
            Path dimm = mc.resolve("dimm" + i);
            write(dimm.resolve("dimm_label"), "DIMM_" + (char) ('A' + i) + "1");
            write(dimm.resolve("dimm_edac_mode"), modes[i]);
            write(dimm.resolve("size"), "16384");
            write(dimm.resolve("dimm_ce_count"), "0");
            write(dimm.resolve("dimm_ue_count"), "0");
        }
        return root;
    }

    private static void write(Path file, String value) throws java.io.IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, value + "\n");
    }

    private List<String> fatalMails(int pop3) {
        try {
            return Pop3Mailbox.messages(pop3, MailForTests.LOGIN, MailForTests.PASSWORD).stream()
                    .filter(m -> m.contains("FATAL_MACHINE_CHECK")).toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void append(Path console, Path fixture) throws java.io.IOException {
        Files.write(console, Files.readAllBytes(fixture), StandardOpenOption.APPEND);
    }

    /** A 16000 MiB machine fits no host here: its refusal must give {@code host} a reason starting {@code reason}. */
    private void assertRefusedNaming(String host, String reason) {
        try {
            machines.create(new MachineSpec("toobig", 16000, 1, 1, null), ADMIN);
            throw new AssertionError("a 16000 MiB machine fits nowhere here");
        } catch (NoCapacityException e) {
            assertTrue(e.getMessage() + " " + e.refusals(), e.refusals().stream().anyMatch(r -> r.host().equals(host)
                    && r.reason().startsWith(reason)));
        }
    }

    private static HostState state(HostHealthService health, String host) {
        return health.health(host).map(HostHealth::state).orElse(null);
    }

    private HostStatus host(String name) {
        return machines.hosts(ADMIN).stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }

    private <T> T service(Class<T> type) {
        org.osgi.framework.BundleContext ctx = org.osgi.framework.FrameworkUtil.getBundle(HealthIT.class).getBundleContext();
        waitFor(() -> ctx.getServiceReference(type) != null, Duration.ofSeconds(60), type.getSimpleName() + " registered");
        org.osgi.framework.ServiceReference<T> ref = ctx.getServiceReference(type);
        T service = ctx.getService(ref);
        ctx.ungetService(ref);
        return service;
    }
}
