package io.vmpool.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmpool.api.hypervisor.Hypervisor;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.HostStatus;
import io.vmpool.api.machine.Machine;
import io.vmpool.api.machine.MachineService;
import io.vmpool.api.machine.MachineState;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * host:maintenance drains a host on the distribution (host1 8 GiB, host2 16 GiB, plus a host3 of 4 GiB added here,
 * 512 MiB reserved each): the machines spread over the others, none is ever defined on two hosts at once (every
 * host's libvirt domains sampled throughout), no host goes over its memory, those that fit nowhere stay running
 * and are listed; REST's task resource agrees, and host:activate returns the host to service.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EvacuationIT extends VmpoolTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Caller ADMIN = Caller.of("admin", "vmpool-admin");
    private static final Map<String, Long> SIZES = Map.of("m1", 6000L, "m2", 3000L, "m3", 3000L, "m4", 2000L, "m5", 1500L);

    @Inject
    protected MachineService machines;

    @Inject
    protected ConfigurationAdmin configs;

    private String adminPw;

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    @Before
    public void ready() {
        adminPw = adminPassword();
        waitFor(() -> rest("GET", "/hosts", null, "admin", adminPw).statusCode() == 200, Duration.ofSeconds(60),
                "REST /hosts to answer 200");
        waitFor(() -> machines.hosts(ADMIN).size() >= 2 && machines.hosts(ADMIN).stream().allMatch(HostStatus::reachable),
                Duration.ofSeconds(30), "the embedded hosts connected");
    }

    @Test
    public void aHostInMaintenanceIsDrainedWithoutAMachineInTwoPlacesOrATargetOverfilled() throws Exception {
        List<String> names = List.of("m1", "m2", "m3", "m4", "m5");
        for (String n : names) {
            String out = adminShell("vm:create " + n + " --memory " + SIZES.get(n) + " --disk 1");
            assertTrue(out, out.contains(n + " RUNNING on"));
            if (!out.contains("on host2")) {
                String moved = adminShell("vm:move " + n + " --to host2");
                assertTrue(moved, moved.contains(n + " RUNNING on host2"));
            }
        }
        String moveBack = adminShell("vm:move m1 --to host2");
        assertTrue(moveBack, moveBack.contains("is on host2 already"));
        assertTrue(adminShell("vm:stop m5").contains("m5 STOPPED on host2"));
        addHost3();

        Map<String, Hypervisor> hvs = hypervisors();
        assertEquals(hvs.keySet().toString(), 3, hvs.size());
        List<Hypervisor> ordered = new TreeMap<>(hvs).values().stream().toList();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicInteger samples = new AtomicInteger();
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                for (String n : names) {
                    if (inTwoPlaces(ordered, n)) {
                        violations.add(n + " defined on two hosts at once");
                    }
                }
                for (HostStatus h : machines.hosts(ADMIN)) {
                    if (h.allocatedMiB() > h.memoryMiB() - h.reservedMiB()) {
                        violations.add(h.name() + " overfilled: " + h.allocatedMiB() + " MiB of " + (h.memoryMiB() - h.reservedMiB()));
                    }
                }
                samples.incrementAndGet();
            }
        }, "evacuation-sampler");
        sampler.start();
        String drain;
        try {
            assertTrue(shell("alice", "host:maintenance host2", "vmpool-user").contains("for administrators"));
            // largest first: m1 (6000) -> host1 (7680 free), m2 (3000) -> host3 (3584), m3 and m4 fit nowhere then,
            // m5 (1500, stopped) -> host1 (1680 left there)
            drain = adminShell("host:maintenance host2");
        } finally {
            sampling.set(false);
            sampler.join(10_000);
        }
        assertTrue("sampled " + samples.get(), samples.get() > 0);
        assertEquals(violations.toString(), List.of(), violations);
        assertTrue(drain, drain.contains("host2 in MAINTENANCE"));
        assertTrue(drain, drain.contains("m1 (6000 MiB, RUNNING) MOVED to host1"));
        assertTrue(drain, drain.contains("m2 (3000 MiB, RUNNING) MOVED to host3"));
        assertTrue(drain, drain.contains("m3 (3000 MiB, RUNNING) STAYS: no host can take machine m3"));
        assertTrue(drain, drain.contains("m4 (2000 MiB, RUNNING) STAYS: no host can take machine m4"));
        assertTrue(drain, drain.contains("m5 (1500 MiB, STOPPED) MOVED to host1"));
        assertTrue(drain, drain.contains("done: 3 moved, 2 stay, 0 failed"));

        assertMachine("m1", "host1", MachineState.RUNNING);
        assertMachine("m2", "host3", MachineState.RUNNING);
        assertMachine("m3", "host2", MachineState.RUNNING);
        assertMachine("m4", "host2", MachineState.RUNNING);
        assertMachine("m5", "host1", MachineState.STOPPED);
        for (String n : names) {
            String host = machines.get(n, ADMIN).host();
            hvs.forEach((h, hv) -> assertEquals(n + " on " + h, h.equals(host), hv.state(n).isPresent()));
        }
        String table = adminShell("host:evacuation host2");
        assertTrue(table, table.matches("(?s).*m3\\s*\\|\\s*3000\\s*\\|\\s*RUNNING\\s*\\|\\s*STAYS\\s*\\|\\s*-.*"));
        String events = adminShell("health:events host2");
        assertTrue(events, events.contains("finished: 3 moved, 2 stay, 0 failed"));

        // nothing new goes to host2 while it is in maintenance, though it has the most free memory
        assertTrue(adminShell("host:list").matches("(?s).*host2\\s*\\|[^\\n]*MAINTENANCE.*"));
        String small = adminShell("vm:create small --memory 128 --disk 1");
        assertTrue(small, small.contains("small RUNNING on") && !small.contains("on host2"));

        // REST: a drain of host3 as a task; m2 fits nowhere else now (host1 180 MiB free, host2 in maintenance)
        assertEquals(403, rest("POST", "/hosts/host3/maintenance", null, "alice", ALICE_PASSWORD).statusCode());
        HttpResponse<String> started = rest("POST", "/hosts/host3/maintenance", null, "admin", adminPw);
        assertEquals(started.body(), 202, started.statusCode());
        String id = JSON.readTree(started.body()).get("id").asText();
        assertTrue(started.headers().firstValue("Location").orElse(""), started.headers().firstValue("Location").orElse("")
                .endsWith("/tasks/" + id));
        waitFor(() -> !task(id).get("finishedAt").isNull(), Duration.ofSeconds(60), "task " + id + " to finish");
        JsonNode task = task(id);
        assertEquals(task.toString(), "host3", task.get("host").asText());
        JsonNode m2 = task.get("machines").get(0);
        assertEquals(task.toString(), "m2", m2.get("machine").asText());
        assertEquals(task.toString(), "STAYS", m2.get("state").asText());
        assertTrue(task.toString(), m2.get("reason").asText().contains("host2: in maintenance"));
        assertEquals(404, rest("GET", "/tasks/evac-999", null, "admin", adminPw).statusCode());
        assertEquals(200, rest("DELETE", "/hosts/host3/maintenance", null, "admin", adminPw).statusCode());

        String back = adminShell("host:activate host2");
        assertTrue(back, back.contains("host2 HEALTHY") && back.contains("back in service"));
        String after = adminShell("vm:create after --memory 128 --disk 1");
        assertTrue(after, after.contains("after RUNNING on host2"));

        for (String n : List.of("m1", "m2", "m3", "m4", "m5", "small", "after")) {
            adminShell("vm:delete " + n);
        }
    }

    private void assertMachine(String name, String host, MachineState state) {
        Machine m = machines.get(name, ADMIN);
        assertEquals(m.toString(), host, m.host());
        assertEquals(m.toString(), state, m.state());
    }

    private JsonNode task(String id) {
        HttpResponse<String> r = rest("GET", "/tasks/" + id, null, "admin", adminPw);
        assertEquals(r.body(), 200, r.statusCode());
        try {
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A third test-driver host of 4 GiB, as a host factory configuration; waits until the core lists it. */
    private void addHost3() throws Exception {
        Path node = karafHome().resolve("etc/vmpool-host3.xml");
        Files.writeString(node, "<node><cpu><mhz>2400</mhz><model>x86_64</model><active>4</active><nodes>1</nodes>"
                + "<sockets>1</sockets><cores>4</cores><threads>1</threads></cpu><memory>4194304</memory></node>");
        org.osgi.service.cm.Configuration c = configs.getFactoryConfiguration("io.vmpool.host", "host3", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("name", "host3");
        props.put("uri", "test://" + node.toAbsolutePath());
        props.put("reservedMemoryMiB", 512L);
        c.update(props);
        waitFor(() -> machines.hosts(ADMIN).stream().anyMatch(h -> h.name().equals("host3") && h.reachable()
                && h.freeMiB() == 3584 && h.problem() == null), Duration.ofSeconds(60), "host3 in the pool, taking machines");
    }

    /**
     * Whether the machine was defined on two hosts at one moment, from reads of the hosts in order and then in reverse
     * (hosts read one after another are no snapshot: a machine read on its source just before it left and on its
     * target just after it arrived would look doubled). Host i seen in both its reads and a later host j seen in a
     * read between them is an overlap, provided no machine returns to a host it left meanwhile (a drain moves off only).
     */
    private static boolean inTwoPlaces(List<Hypervisor> hosts, String machine) {
        int n = hosts.size();
        boolean[] forward = new boolean[n];
        boolean[] back = new boolean[n];
        for (int i = 0; i < n; i++) {
            forward[i] = hosts.get(i).state(machine).isPresent();
        }
        for (int i = n - 1; i >= 0; i--) {
            back[i] = hosts.get(i).state(machine).isPresent();
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n && forward[i] && back[i]; j++) {
                if (forward[j] || back[j]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Each pool host's own libvirt connection (the core's host components), to see the domains as libvirt has them. */
    private static Map<String, Hypervisor> hypervisors() throws Exception {
        BundleContext ctx = FrameworkUtil.getBundle(EvacuationIT.class).getBundleContext();
        ServiceReference<?>[] refs = ctx.getAllServiceReferences("io.vmpool.core.internal.PoolHost", null);
        assertNotNull("no PoolHost services", refs);
        Map<String, Hypervisor> out = new HashMap<>();
        for (ServiceReference<?> r : refs) {
            Object host = ctx.getService(r);
            String name = (String) host.getClass().getMethod("name").invoke(host);
            out.put(name, (Hypervisor) host.getClass().getMethod("hypervisor").invoke(host));
        }
        return out;
    }
}
