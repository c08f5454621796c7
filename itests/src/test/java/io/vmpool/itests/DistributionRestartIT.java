package io.vmpool.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

/**
 * Starts the distribution as a user does ({@code bin/karaf server}), creates a machine over
 * REST, stops the process and starts it again: the inventory must still know the machine, and
 * since libvirt's test driver forgot its domain with the old process, the reconciler must show
 * it STOPPED with the reason, and a start must bring it back.
 */
public class DistributionRestartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process karaf;
    private int httpPort;

    @After
    public void stopKaraf() throws InterruptedException {
        stop();
    }

    @Test
    public void inventorySurvivesARestartAndTheReconcilerExplainsTheLostDomain() throws Exception {
        Path home = unpack();
        start(home);
        Path pwFile = home.resolve("data/vmpool/initial-admin-password");
        String pw = Files.readString(pwFile).trim();
        assertEquals("password file is owner-only", Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(pwFile));
        assertTrue("a generated password, not a default: " + pw.length(), pw.length() >= 16);

        HttpResponse<String> created = request("POST", "/vms",
                "{\"name\":\"survivor\",\"memoryMiB\":512,\"vcpus\":1,\"diskGiB\":1}", pw);
        assertEquals(created.body(), 201, created.statusCode());
        stop();

        start(home);
        assertEquals("the admin password is created once", pw, Files.readString(pwFile).trim());
        JsonNode m = awaitState("survivor", "STOPPED", pw);
        assertTrue(m.toString(), m.get("stateReason").asText().contains("domain was gone"));
        JsonNode events = JSON.readTree(request("GET", "/vms/survivor/events", null, pw).body());
        assertTrue(events.toString(), events.toString().contains("machine.reconciled"));

        HttpResponse<String> started = request("POST", "/vms/survivor/start", null, pw);
        assertEquals(started.body(), 200, started.statusCode());
        assertEquals("RUNNING", JSON.readTree(started.body()).get("state").asText());
        assertEquals(204, request("DELETE", "/vms/survivor", null, pw).statusCode());
    }

    private Path unpack() throws IOException, InterruptedException {
        File tarball = new File(System.getProperty("vmpool.distribution"));
        Path dir = Path.of("target/restart-it").toAbsolutePath();
        run(new ProcessBuilder("rm", "-rf", dir.toString()));
        Files.createDirectories(dir);
        run(new ProcessBuilder("tar", "-xzf", tarball.getAbsolutePath(), "-C", dir.toString()));
        Path home = dir.resolve("vmpool-" + System.getProperty("vmpool.version"));
        httpPort = freePort();
        replace(home.resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port = 8181",
                "org.osgi.service.http.port = " + httpPort);
        replace(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort = 8101", "sshPort = " + freePort());
        replace(home.resolve("etc/org.apache.karaf.management.cfg"), "rmiRegistryPort = 1099", "rmiRegistryPort = " + freePort());
        replace(home.resolve("etc/org.apache.karaf.management.cfg"), "rmiServerPort = 44444", "rmiServerPort = " + freePort());
        return home;
    }

    private void start(Path home) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        karaf = pb.start();
        Path pwFile = home.resolve("data/vmpool/initial-admin-password");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            if (!karaf.isAlive()) {
                throw new AssertionError("karaf exited with " + karaf.exitValue() + "; see " + home.resolve("console.log"));
            }
            if (Files.isRegularFile(pwFile)) {
                try {
                    if (request("GET", "/hosts", null, Files.readString(pwFile).trim()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("vmpool did not answer REST within 120 s; see " + home.resolve("data/log/karaf.log"));
            }
            Thread.sleep(250);
        }
    }

    private void stop() throws InterruptedException {
        if (karaf != null && karaf.isAlive()) {
            // bin/karaf is a shell script that runs the JVM as its child: stop the JVM (SIGTERM,
            // so Karaf shuts down cleanly) and the script with it
            java.util.List<ProcessHandle> children = karaf.descendants().toList();
            children.forEach(ProcessHandle::destroy);
            karaf.destroy();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((karaf.isAlive() || children.stream().anyMatch(ProcessHandle::isAlive)) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            children.forEach(ProcessHandle::destroyForcibly);
            karaf.destroyForcibly().waitFor();
        }
        karaf = null;
    }

    private JsonNode awaitState(String name, String state, String pw) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = request("GET", "/vms/" + name, null, pw);
            if (r.statusCode() == 200) {
                last = JSON.readTree(r.body());
                if (state.equals(last.get("state").asText())) {
                    return last;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " never reached " + state + "; last seen " + last);
    }

    private HttpResponse<String> request(String method, String path, String json, String pw)
            throws IOException, InterruptedException {
        String token = Base64.getEncoder().encodeToString(("admin:" + pw).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/vmpool/api/v1" + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + token).header("Accept", "application/json");
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        if (!text.contains(from)) {
            throw new IllegalStateException(file + " has no line '" + from + "'");
        }
        Files.writeString(file, text.replace(from, to));
    }

    private static void run(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(pb.command() + " exited with " + p.exitValue());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
