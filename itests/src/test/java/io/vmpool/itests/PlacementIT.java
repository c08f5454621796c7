package io.vmpool.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The scheduler on the distribution's two test-driver hosts (host1 8 GiB, host2 16 GiB, 512 MiB reserved
 * each): a refused create explains every host (shell and REST), vm:place and POST /placements are dry runs,
 * and with nPlusK=1 a placement that would break N+1 is refused while pool:capacity and GET /capacity agree.
 * Only the shell and REST are used after the core's configuration changes (the core restarts then).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlacementIT extends VmpoolTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        waitFor(() -> {
            HttpResponse<String> r = rest("GET", "/hosts", null, "admin", adminPw);
            return r.statusCode() == 200 && r.body().contains("\"host1\"") && r.body().contains("\"host2\"")
                    && !r.body().contains("\"reachable\":false");
        }, Duration.ofSeconds(60), "REST /hosts to list both hosts reachable");
    }

    @Test
    public void aRefusedCreateExplainsEveryHostAndWhereItWouldFitThroughRestAndShell() throws IOException {
        assertTrue(adminShell("vm:create filler --memory 8192 --disk 1").contains("filler RUNNING on host2"));
        try {
            // host1 could not hold 9000 MiB even empty; host2 has 7680 free: 1,320 MiB short
            HttpResponse<String> refused = rest("POST", "/vms", "{\"name\":\"big\",\"memoryMiB\":9000,\"vcpus\":1,"
                    + "\"diskGiB\":1}", "alice", ALICE_PASSWORD);
            assertEquals(refused.body(), 409, refused.statusCode());
            JsonNode problem = JSON.readTree(refused.body());
            String detail = problem.get("detail").asText();
            assertTrue(detail, detail.startsWith("no host can take machine big with 9000 MiB of memory (1,320 MiB missing:"
                    + " host2 would fit it after 1,320 MiB are freed there)"));
            assertEquals(problem.toString(), 2, problem.get("refusals").size());
            JsonNode placement = problem.get("placement");
            assertEquals(1320, placement.get("missingMiB").asLong());
            for (JsonNode h : placement.get("hosts")) {
                assertEquals(h.toString(), "memory", h.get("failed").get(0).get("filter").asText());
                assertTrue(h.toString(), h.get("failed").get(0).get("reason").asText().startsWith("needs 9000 MiB"));
                assertTrue(h.toString(), h.get("score").isNull());
            }
            assertEquals(404, rest("GET", "/vms/big", null, "alice", ALICE_PASSWORD).statusCode());

            String shell = shell("alice", "vm:create big --memory 9000 --disk 1", "vmpool-user");
            assertTrue(shell, shell.contains("1,320 MiB missing: host2 would fit it after 1,320 MiB are freed there"));
            assertTrue(shell, shell.contains("host1: needs 9000 MiB, has 7680 MiB free")
                    && shell.contains("host2: needs 9000 MiB, has 7680 MiB free"));
        } finally {
            adminShell("vm:delete filler");
        }
    }

    @Test
    public void vmPlaceAndPostPlacementsAreDryRunsShowingEveryHost() throws IOException {
        String before = rest("GET", "/vms", null, "admin", adminPw).body();
        String out = shell("alice", "vm:place --memory 4096 --disk 20 --dry-run", "vmpool-user");
        assertTrue(out, out.contains("Host: host2 (weigher most-free; dry run: nothing reserved)"));
        assertTrue(out, out.contains("host2: 11,776 MiB free of 16,384 after this 4,096 MiB machine"));
        assertTrue(out, out.matches("(?s).*host2\\s*\\|\\s*HEALTHY\\s*\\|\\s*15872\\s*\\|.*\\|\\s*11776\\s*\\|\\s*-.*"));
        assertTrue(out, out.matches("(?s).*host1\\s*\\|\\s*HEALTHY\\s*\\|\\s*7680\\s*\\|.*\\|\\s*3584\\s*\\|\\s*-.*"));
        String tooBig = shell("alice", "vm:place --memory 16000 --disk 20", "vmpool-user");
        assertTrue(tooBig, tooBig.contains("NO HOST") && tooBig.contains("memory: needs 16000 MiB"));
        String bad = shell("alice", "vm:place --memory lots --disk 20", "vmpool-user");
        assertTrue(bad, bad.contains("--memory must be a whole number of MiB"));

        HttpResponse<String> r = rest("POST", "/placements?dryRun=true", "{\"memoryMiB\":4096,\"vcpus\":1,\"diskGiB\":20}",
                "alice", ALICE_PASSWORD);
        assertEquals(r.body(), 200, r.statusCode());
        JsonNode d = JSON.readTree(r.body());
        assertEquals("host2", d.get("host").asText());
        assertEquals(2, d.get("hosts").size());
        assertEquals(11776, d.get("hosts").get(0).get("score").asLong());
        HttpResponse<String> zero = rest("POST", "/placements?dryRun=true", "{\"memoryMiB\":0,\"diskGiB\":20}",
                "alice", ALICE_PASSWORD);
        assertEquals(400, zero.statusCode());
        assertEquals("memoryMiB", JSON.readTree(zero.body()).get("field").asText());
        assertEquals(before, rest("GET", "/vms", null, "admin", adminPw).body());
    }

    @Test
    public void nPlusOneRefusesAPlacementThatWouldBreakItAndCapacityAgrees() throws Exception {
        // by memory alone 1 more 4 GiB machine fits on host1 and 3 on host2; with N+1 only one, on host2
        String capacity = adminShell("pool:capacity --memory 4096 --disk 1");
        assertTrue(capacity, capacity.contains("4 more machines of 4,096 MiB fit (1 with N+1, placed by most-free)"));
        assertTrue(shell("alice", "pool:capacity --memory 4096 --disk 1", "vmpool-user").contains("for administrators"));
        setNPlusK(1);
        try {
            JsonNode report = json(answered("GET", "/capacity?memoryMiB=4096&diskGiB=1", null, "admin", adminPw), 200);
            assertEquals(4, report.get("total").asInt());
            assertEquals(1, report.get("totalWithNPlusK").asInt());
            assertEquals(403, answered("GET", "/capacity?memoryMiB=4096", null, "alice", ALICE_PASSWORD).statusCode());

            String first = adminShell("vm:create keep1 --memory 4096 --disk 1");
            assertTrue(first, first.contains("keep1 RUNNING on host2"));
            HttpResponse<String> second = answered("POST", "/vms", "{\"name\":\"keep2\",\"memoryMiB\":4096,\"vcpus\":1,"
                    + "\"diskGiB\":1}", "admin", adminPw);
            JsonNode problem = json(second, 409);
            assertTrue(problem.toString(), problem.get("detail").asText().contains("host2 would fit it without N+1"));
            for (JsonNode refusal : problem.get("refusals")) {
                assertTrue(refusal.toString(), refusal.get("reason").asText().startsWith("N+1: if host2 failed"));
            }
            assertEquals(1, problem.get("placement").get("nPlusK").asInt());
            String after = adminShell("pool:capacity --memory 4096 --disk 1");
            assertTrue(after, after.contains("3 more machines of 4,096 MiB fit (0 with N+1, placed by most-free)"));
            assertEquals(0, json(answered("GET", "/capacity?memoryMiB=4096&diskGiB=1", null, "admin", adminPw), 200)
                    .get("totalWithNPlusK").asInt());
            String place = adminShell("vm:place --memory 2048 --disk 1");
            assertTrue(place, place.contains("(weigher most-free, N+1; dry run: nothing reserved)"));
        } finally {
            adminShell("vm:delete keep1");
            setNPlusK(0);
        }
    }

    /** Sets nPlusK of io.vmpool.core and waits until the restarted core answers with it through REST. */
    private void setNPlusK(int k) throws IOException {
        org.osgi.service.cm.Configuration core = configs.getConfiguration("io.vmpool.core", "?");
        Dictionary<String, Object> props = core.getProperties() == null ? new Hashtable<>() : core.getProperties();
        props.put("nPlusK", k);
        core.update(props);
        waitFor(() -> {
            HttpResponse<String> r = rest("POST", "/placements?dryRun=true", "{\"memoryMiB\":128,\"diskGiB\":1}", "admin",
                    adminPw);
            return r.statusCode() == 200 && r.body().contains("\"nPlusK\":" + k + ",") && r.body().contains("\"host2\"")
                    && r.body().contains("\"host1\"") && !r.body().contains("UNREACHABLE");
        }, Duration.ofSeconds(60), "the core to answer with nPlusK=" + k);
    }

    /**
     * A REST call asked again while the endpoint is gone: a configuration change restarts the core and the REST
     * server with it, and Karaf's file watcher may deliver the saved file as a second update a moment later.
     */
    private HttpResponse<String> answered(String method, String path, String body, String user, String password) {
        return restUntil(method, path, body, user, password,
                r -> !(r.statusCode() == 404 && r.body().contains("No service was found")) && r.statusCode() != 503,
                Duration.ofSeconds(60), method + " " + path + " answered by a running REST server");
    }

    private static JsonNode json(HttpResponse<String> r, int status) {
        assertEquals(r.body(), status, r.statusCode());
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
