package io.vmpool.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real endpoint over HTTP against a users.properties realm and an in-memory MachineService. */
abstract class RestApiTestSupport {
    static final String REALM = "vmpool-test";
    static final String ALICE = "alice:alice-pw";
    static final String BOB = "bob:bob-pw";
    static final String ROOT = "root:root-pw";
    static final String USERS = String.join("\n",
            "alice = alice-pw,_g_:vmpoolusers",
            "bob = bob-pw,_g_:vmpoolusers",
            "root = root-pw,_g_:admingroup,vmpool-admin",
            "_g_\\:vmpoolusers = group,vmpool-user",
            "_g_\\:admingroup = group,admin,ssh",
            "");

    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    InMemoryMachineService machines;
    OneHostPlacementService placements;
    InMemoryWaitingList waitingList;
    private PropertiesRealm realm;
    private RestTestServer server;

    RestSettings settings() {
        return new RestSettings("/api/v1", REALM, 4096, 2, 10);
    }

    @BeforeEach
    void startServer() throws Exception {
        realm = PropertiesRealm.install(REALM, dir.resolve("users.properties"), USERS);
        machines = new InMemoryMachineService(2048);
        placements = new OneHostPlacementService(2048);
        waitingList = new InMemoryWaitingList(machines);
        server = new RestTestServer(machines, placements, waitingList, settings());
    }

    @AfterEach
    void stopServer() throws Exception {
        try {
            server.close();
        } finally {
            realm.close();
        }
    }

    URI uri(String path) {
        return server.base().resolve(path);
    }

    HttpResponse<String> get(String path, String credentials) throws IOException, InterruptedException {
        return send(request(path, credentials).GET());
    }

    HttpResponse<String> delete(String path, String credentials) throws IOException, InterruptedException {
        return send(request(path, credentials).DELETE());
    }

    HttpResponse<String> post(String path, String credentials, String jsonBody)
            throws IOException, InterruptedException {
        return send(request(path, credentials).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    HttpResponse<String> postEmpty(String path, String credentials) throws IOException, InterruptedException {
        return send(request(path, credentials).POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpRequest.Builder request(String path, String credentials) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json, application/problem+json");
        if (credentials != null) {
            builder.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode body(HttpResponse<String> response) throws IOException {
        return json.readTree(response.body());
    }

    HttpResponse<String> createWeb1() throws IOException, InterruptedException {
        return post("vms", ALICE, "{\"name\":\"web1\",\"memoryMiB\":512,\"vcpus\":1,\"diskGiB\":2,\"owner\":null}");
    }
}
