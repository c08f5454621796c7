package io.vmpool.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The REST contract of /vms and /hosts: status codes, headers and JSON shapes. */
class VmResourceTest extends RestApiTestSupport {

    @Test
    void createIs201WithLocationAndTheMachine() throws Exception {
        HttpResponse<String> response = createWeb1();

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).hasValue(uri("vms/web1").toString());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode machine = body(response);
        assertThat(machine.get("name").asText()).isEqualTo("web1");
        assertThat(machine.get("owner").asText()).isEqualTo("alice");
        assertThat(machine.get("state").asText()).isEqualTo("RUNNING");
        assertThat(machine.get("host").asText()).isEqualTo("host1");
        assertThat(machine.get("memoryMiB").isIntegralNumber()).isTrue();
        assertThat(machine.get("memoryMiB").asLong()).isEqualTo(512);
        assertThat(machine.get("vcpus").asInt()).isEqualTo(1);
        assertThat(machine.get("diskGiB").asLong()).isEqualTo(2);
        assertThat(machine.get("volumeId").asText()).isEqualTo("file:web1");
        assertThat(machine.get("createdAt").isTextual()).as("ISO-8601 text, not a number").isTrue();
        assertThat(Instant.parse(machine.get("createdAt").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(machine.has("stateReason")).isTrue();
        assertThat(machine.size()).isEqualTo(10);
    }

    @Test
    void ownerMayBeLeftOut() throws Exception {
        HttpResponse<String> response = post("vms", ALICE, "{\"name\":\"web2\",\"memoryMiB\":256,\"vcpus\":2,\"diskGiB\":1}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(body(response).get("owner").asText()).isEqualTo("alice");
    }

    @Test
    void getListAndHosts() throws Exception {
        createWeb1();

        HttpResponse<String> one = get("vms/web1", ALICE);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(body(one).get("name").asText()).isEqualTo("web1");

        HttpResponse<String> list = get("vms", ALICE);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(body(list).isArray()).isTrue();
        assertThat(body(list).findValuesAsText("name")).containsExactly("web1");

        JsonNode hosts = body(get("hosts", ALICE));
        assertThat(hosts.get(0).get("name").asText()).isEqualTo("host1");
        assertThat(hosts.get(0).get("allocatedMiB").asLong()).isEqualTo(512);
        assertThat(hosts.get(0).get("freeMiB").asLong()).isEqualTo(2048 - 512);
        assertThat(hosts.get(0).get("reachable").asBoolean()).isTrue();
    }

    @Test
    void listShowsOwnMachinesAndAllToAnAdmin() throws Exception {
        createWeb1();
        post("vms", BOB, "{\"name\":\"db1\",\"memoryMiB\":256,\"vcpus\":1,\"diskGiB\":1}");

        assertThat(body(get("vms", BOB)).findValuesAsText("name")).containsExactly("db1");
        assertThat(body(get("vms", ROOT)).findValuesAsText("name")).containsExactlyInAnyOrder("web1", "db1");
    }

    @Test
    void startStopDestroyAre200WithTheMachine() throws Exception {
        createWeb1();

        HttpResponse<String> stopped = postEmpty("vms/web1/stop", ALICE);
        assertThat(stopped.statusCode()).isEqualTo(200);
        assertThat(body(stopped).get("state").asText()).isEqualTo("STOPPED");

        HttpResponse<String> started = postEmpty("vms/web1/start", ALICE);
        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(body(started).get("state").asText()).isEqualTo("RUNNING");

        HttpResponse<String> destroyed = postEmpty("vms/web1/destroy", ALICE);
        assertThat(destroyed.statusCode()).isEqualTo(200);
        assertThat(body(destroyed).get("state").asText()).isEqualTo("STOPPED");
    }

    @Test
    void deleteIs204AndTheMachineIsGone() throws Exception {
        createWeb1();

        HttpResponse<String> deleted = delete("vms/web1", ALICE);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(get("vms/web1", ALICE).statusCode()).isEqualTo(404);
    }

    @Test
    void eventsNewestFirstWithIsoTimesAndALimit() throws Exception {
        createWeb1();
        postEmpty("vms/web1/stop", ALICE);
        postEmpty("vms/web1/start", ALICE);

        JsonNode events = body(get("vms/web1/events", ALICE));
        assertThat(events.size()).as("defaultEventLimit of the test settings").isEqualTo(2);
        assertThat(events.get(0).get("type").asText()).isEqualTo("machine.started");
        assertThat(events.get(0).get("subject").asText()).isEqualTo("machine:web1");
        assertThat(events.get(0).get("actor").asText()).isEqualTo("alice");
        assertThat(Instant.parse(events.get(0).get("time").asText())).isNotNull();

        assertThat(body(get("vms/web1/events?limit=3", ALICE)).size()).isEqualTo(3);
        assertThat(body(get("vms/web1/events?limit=1", ALICE)).size()).isEqualTo(1);
    }

    @Test
    void eventLimitOutsideTheConfiguredRangeIs400() throws Exception {
        createWeb1();

        for (String limit : new String[] {"0", "11", "abc", "-1"}) {
            HttpResponse<String> response = get("vms/web1/events?limit=" + limit, ALICE);
            assertThat(response.statusCode()).as("limit=" + limit).isEqualTo(400);
            JsonNode problem = body(response);
            assertThat(problem.get("field").asText()).isEqualTo("limit");
            assertThat(problem.get("rule").asText()).isEqualTo("1..10 (io.vmpool.rest maxEventLimit)");
        }
    }
}
