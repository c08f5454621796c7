package io.vmpool.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.HostStatus;
import io.vmpool.api.machine.MachineService;
import io.vmpool.api.machine.MachineState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The walking skeleton end to end on the distribution's embedded default: two libvirt
 * test-driver hosts, file disks, H2, local locks; through the shell and through REST.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MachineLifecycleIT extends VmpoolTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Caller ADMIN = Caller.of("admin", "vmpool-admin");

    @Inject
    protected MachineService machines;

    @Inject
    protected io.vmpool.api.inventory.InventoryStore inventory;

    private String adminPw;

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    @Before
    public void restReady() {
        adminPw = adminPassword();
        waitFor(() -> rest("GET", "/hosts", null, "admin", adminPw).statusCode() == 200, Duration.ofSeconds(60),
                "REST /hosts to answer 200");
        waitFor(() -> machines.hosts(ADMIN).size() == 2 && machines.hosts(ADMIN).stream().allMatch(HostStatus::reachable),
                Duration.ofSeconds(30), "both embedded hosts connected");
    }

    @Test
    public void shellLifecycleOnTheHostWithTheMostFreeMemory() {
        String expectedHost = machines.hosts(ADMIN).stream().max(Comparator.comparingLong(HostStatus::freeMiB)).get().name();

        String created = adminShell("vm:create shell1 --memory 512 --vcpus 1 --disk 2");
        assertTrue(created, created.contains("shell1 RUNNING on " + expectedHost));

        String list = adminShell("vm:list");
        assertTrue(list, list.matches("(?s).*shell1\\s*\\|\\s*RUNNING\\s*\\|\\s*" + expectedHost + "\\s*\\|.*"));

        String hosts = adminShell("host:list");
        assertTrue(hosts, hosts.contains("host1") && hosts.contains("host2"));
        HostStatus h = machines.hosts(ADMIN).stream().filter(x -> x.name().equals(expectedHost)).findFirst().get();
        assertTrue("allocated includes shell1: " + h, h.allocatedMiB() >= 512);
        assertEquals(h.memoryMiB() - h.reservedMiB() - h.allocatedMiB(), h.freeMiB());

        assertTrue(adminShell("vm:stop shell1").contains("shell1 STOPPED"));
        assertTrue(adminShell("vm:start shell1").contains("shell1 RUNNING"));
        assertTrue(adminShell("vm:destroy shell1").contains("shell1 STOPPED"));
        String info = adminShell("vm:info shell1");
        assertTrue(info, info.contains("machine.created") && info.contains("machine.destroyed"));

        assertTrue(adminShell("vm:delete shell1").contains("shell1 deleted"));
        assertFalse(adminShell("vm:list").contains("shell1"));
        assertTrue(volumes().stream().noneMatch(v -> v.contains("shell1")));
    }

    @Test
    public void machineNamesCompleteWithTab() throws Exception {
        machines.create(new io.vmpool.api.machine.MachineSpec("tabvm", 128, 1, 1, null), ADMIN);
        try {
            assertTrue(complete("admin", "vm:info ta", "admin", "ssh", "vmpool-admin").contains("tabvm"));
            assertTrue(complete("admin", "vm:delete ", "admin", "ssh", "vmpool-admin").contains("tabvm"));
            assertFalse("others' machines are not offered", complete("alice", "vm:info ta", "vmpool-user").contains("tabvm"));
        } finally {
            machines.delete("tabvm", ADMIN);
        }
    }

    @Test
    public void locksAreVisibleAndAnAdminCanForceOneFreeWhichIsRecorded() throws Exception {
        assertTrue(adminShell("lock:backend"), adminShell("lock:backend").contains("local (service ranking -100) active since"));
        ExecutorService probe = Executors.newSingleThreadExecutor();
        Future<String> holder = probe.submit(() -> adminShell("lock:acquire --hold 30 machine:stuck"));
        waitFor(() -> adminShell("lock:list --resource machine:stuck").contains("shell-"), Duration.ofSeconds(20),
                "the probe to hold machine:stuck");

        String notForced = adminShell("lock:release machine:stuck");
        assertTrue(notForced, notForced.contains("needs --force"));
        String notAdmin = shell("alice", "lock:release --force machine:stuck", "vmpool-user");
        assertTrue(notAdmin, notAdmin.contains("is for administrators"));
        assertTrue(adminShell("lock:list").contains("machine:stuck"));

        String forced = adminShell("lock:release --force machine:stuck");
        assertTrue(forced, forced.contains("1 lease(s) on machine:stuck released"));
        assertFalse(adminShell("lock:list").contains("machine:stuck"));
        assertTrue(inventory.events("lock:machine:stuck", 5).stream()
                .anyMatch(e -> e.type().equals("lock.force-released") && e.actor().equals("admin")));
        probe.shutdownNow();
        holder.cancel(true);
        String stats = adminShell("lock:stats");
        assertTrue(stats, stats.contains("Backend   : local") && stats.contains("Granted"));
    }

    @Test
    public void shellRefusesABadNameWithTheRule() {
        String out = adminShell("vm:create Bad_Name --memory 512 --disk 1");
        assertTrue(out, out.contains("Error") && out.contains("must match ^[a-z][a-z0-9-]{0,62}$"));
        assertTrue(machines.list(ADMIN).stream().noneMatch(m -> m.name().equalsIgnoreCase("bad_name")));
    }

    @Test
    public void restLifecycle() throws IOException {
        HttpResponse<String> created = rest("POST", "/vms", "{\"name\":\"rest1\",\"memoryMiB\":512,\"vcpus\":1,\"diskGiB\":2}",
                "admin", adminPw);
        assertEquals(created.body(), 201, created.statusCode());
        assertEquals("RUNNING", JSON.readTree(created.body()).get("state").asText());
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/vms/rest1"));

        assertTrue(names(rest("GET", "/vms", null, "admin", adminPw)).contains("rest1"));
        assertEquals("STOPPED", state(rest("POST", "/vms/rest1/stop", null, "admin", adminPw)));
        assertEquals("RUNNING", state(rest("POST", "/vms/rest1/start", null, "admin", adminPw)));
        assertEquals("STOPPED", state(rest("POST", "/vms/rest1/destroy", null, "admin", adminPw)));
        assertEquals("STOPPED", state(rest("GET", "/vms/rest1", null, "admin", adminPw)));

        assertEquals(204, rest("DELETE", "/vms/rest1", null, "admin", adminPw).statusCode());
        assertEquals(404, rest("GET", "/vms/rest1", null, "admin", adminPw).statusCode());
        assertTrue(volumes().stream().noneMatch(v -> v.contains("rest1")));
    }

    @Test
    public void usersSeeOnlyTheirOwnMachinesAndStrangersGet401() throws IOException {
        assertEquals(401, rest("GET", "/vms", null, null, null).statusCode());
        HttpResponse<String> wrong = rest("GET", "/vms", null, "alice", "not-her-password");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));

        assertEquals(201, rest("POST", "/vms", "{\"name\":\"alice1\",\"memoryMiB\":256,\"vcpus\":1,\"diskGiB\":1}",
                "alice", ALICE_PASSWORD).statusCode());
        assertEquals(201, rest("POST", "/vms", "{\"name\":\"admin1\",\"memoryMiB\":256,\"vcpus\":1,\"diskGiB\":1}",
                "admin", adminPw).statusCode());

        List<String> hers = names(rest("GET", "/vms", null, "alice", ALICE_PASSWORD));
        assertTrue(hers.toString(), hers.contains("alice1") && !hers.contains("admin1"));
        List<String> all = names(rest("GET", "/vms", null, "admin", adminPw));
        assertTrue(all.toString(), all.contains("alice1") && all.contains("admin1"));
        assertEquals("alice", JSON.readTree(rest("GET", "/vms/alice1", null, "admin", adminPw).body()).get("owner").asText());

        assertEquals(404, rest("GET", "/vms/admin1", null, "alice", ALICE_PASSWORD).statusCode());
        assertEquals(404, rest("POST", "/vms/admin1/stop", null, "alice", ALICE_PASSWORD).statusCode());
        assertEquals(404, rest("DELETE", "/vms/admin1", null, "alice", ALICE_PASSWORD).statusCode());
        assertEquals(MachineState.RUNNING, machines.get("admin1", ADMIN).state());

        assertEquals(204, rest("DELETE", "/vms/alice1", null, "alice", ALICE_PASSWORD).statusCode());
        assertEquals(204, rest("DELETE", "/vms/admin1", null, "admin", adminPw).statusCode());
    }

    @Test
    public void badRequestGets400ProblemAndCreatesNothing() throws IOException {
        List<String> before = volumes();
        int machinesBefore = machines.list(ADMIN).size();

        HttpResponse<String> bad = rest("POST", "/vms", "{\"name\":\"Bad'Name<x>\",\"memoryMiB\":512,\"vcpus\":1,\"diskGiB\":2}",
                "admin", adminPw);
        assertEquals(bad.body(), 400, bad.statusCode());
        assertTrue(bad.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(bad.body());
        assertEquals("name", problem.get("field").asText());
        assertEquals("^[a-z][a-z0-9-]{0,62}$", problem.get("rule").asText());

        HttpResponse<String> zero = rest("POST", "/vms", "{\"name\":\"zero\",\"memoryMiB\":0,\"vcpus\":1,\"diskGiB\":2}",
                "admin", adminPw);
        assertEquals(400, zero.statusCode());
        assertEquals("memoryMiB", JSON.readTree(zero.body()).get("field").asText());

        assertEquals(400, rest("POST", "/vms", "{\"name\":", "admin", adminPw).statusCode());
        assertEquals(400, rest("POST", "/vms", "{\"name\":\"x\",\"memoryMiB\":\"lots\",\"vcpus\":1,\"diskGiB\":2}",
                "admin", adminPw).statusCode());

        assertEquals(machinesBefore, machines.list(ADMIN).size());
        assertEquals(before, volumes());
    }

    @Test
    public void tooBigForAnyHostIsRefusedWithThePerHostExplanation() throws IOException {
        List<String> before = volumes();
        HttpResponse<String> refused = rest("POST", "/vms", "{\"name\":\"huge\",\"memoryMiB\":60000,\"vcpus\":2,\"diskGiB\":2}",
                "admin", adminPw);
        assertEquals(refused.body(), 409, refused.statusCode());
        JsonNode problem = JSON.readTree(refused.body());
        assertTrue(problem.get("detail").asText(), problem.get("detail").asText().contains("no host can take machine huge"));
        List<String> hosts = new ArrayList<>();
        for (JsonNode r : problem.get("refusals")) {
            hosts.add(r.get("host").asText());
            assertTrue(r.toString(), r.get("freeMemoryMiB").asLong() < 60000);
            assertTrue(r.toString(), r.get("reason").asText().contains("needs 60000 MiB"));
        }
        assertTrue(hosts.toString(), hosts.contains("host1") && hosts.contains("host2"));
        assertEquals(404, rest("GET", "/vms/huge", null, "admin", adminPw).statusCode());
        assertEquals(before, volumes());

        String shell = adminShell("vm:create huge --memory 60000 --disk 2");
        assertTrue(shell, shell.contains("host1:") && shell.contains("host2:"));
    }

    @Test
    public void twoConcurrentCreatesOfOneNameGiveOneMachineAndOne409() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        Callable<Integer> create = () -> {
            go.await();
            return rest("POST", "/vms", "{\"name\":\"twin\",\"memoryMiB\":256,\"vcpus\":1,\"diskGiB\":1}", "admin", adminPw)
                    .statusCode();
        };
        Future<Integer> a = pool.submit(create);
        Future<Integer> b = pool.submit(create);
        go.countDown();
        List<Integer> codes = new ArrayList<>(List.of(a.get(), b.get()));
        pool.shutdown();
        codes.sort(Integer::compare);
        assertEquals(List.of(201, 409), codes);
        assertEquals(1, machines.list(ADMIN).stream().filter(m -> m.name().equals("twin")).count());
        assertEquals(1, volumes().stream().filter(v -> v.contains("twin")).count());
        machines.delete("twin", ADMIN);
    }

    private List<String> volumes() {
        Path dir = karafHome().resolve("data/vmpool/images");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names(HttpResponse<String> response) throws IOException {
        assertEquals(response.body(), 200, response.statusCode());
        List<String> names = new ArrayList<>();
        for (JsonNode m : JSON.readTree(response.body())) {
            names.add(m.get("name").asText());
        }
        return names;
    }

    private static String state(HttpResponse<String> response) throws IOException {
        assertEquals(response.body(), 200, response.statusCode());
        return JSON.readTree(response.body()).get("state").asText();
    }

}
