package io.vmpool.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The REST contract of POST /vms with "queue": true, GET /queue and DELETE /queue/{id}. */
class QueueResourceTest extends RestApiTestSupport {

    @Test
    void aCreateThatMayWaitIs201WhenItFitsAnd202WithThePositionWhenItDoesNot() throws Exception {
        HttpResponse<String> fits = post("vms", ALICE, "{\"name\":\"web1\",\"memoryMiB\":512,\"vcpus\":1,\"diskGiB\":1,"
                + "\"queue\":true}");
        assertThat(fits.statusCode()).isEqualTo(201);

        HttpResponse<String> waits = post("vms", ALICE, "{\"name\":\"big\",\"memoryMiB\":4096,\"vcpus\":1,\"diskGiB\":1,"
                + "\"queue\":true}");

        assertThat(waits.statusCode()).as(waits.body()).isEqualTo(202);
        JsonNode request = body(waits);
        assertThat(request.get("position").asInt()).isEqualTo(1);
        assertThat(request.get("owner").asText()).isEqualTo("alice");
        assertThat(request.get("spec").get("name").asText()).isEqualTo("big");
        assertThat(request.get("since").isTextual()).isTrue();
        assertThat(waits.headers().firstValue("Location")).hasValue(uri("queue/" + request.get("id").asText()).toString());
    }

    @Test
    void withoutQueueARefusalStays409AndNothingWaits() throws Exception {
        HttpResponse<String> refused = post("vms", ALICE, "{\"name\":\"big\",\"memoryMiB\":4096,\"vcpus\":1,\"diskGiB\":1,"
                + "\"queue\":false}");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(body(get("queue", ROOT))).isEmpty();
    }

    @Test
    void theListIsTheCallersAndTheOwnerCancels() throws Exception {
        post("vms", ALICE, "{\"name\":\"big\",\"memoryMiB\":4096,\"vcpus\":1,\"diskGiB\":1,\"queue\":true}");

        assertThat(body(get("queue", ALICE))).hasSize(1);
        assertThat(body(get("queue", BOB))).isEmpty();
        assertThat(body(get("queue", ROOT))).hasSize(1);
        assertThat(delete("queue/r1", BOB).statusCode()).isEqualTo(404);
        HttpResponse<String> cancelled = delete("queue/r1", ALICE);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(body(cancelled).get("id").asText()).isEqualTo("r1");
        assertThat(body(get("queue", ALICE))).isEmpty();
    }

    @Test
    void aQueueThatIsNoBooleanIs400NamingTheField() throws Exception {
        HttpResponse<String> bad = post("vms", ALICE, "{\"name\":\"big\",\"memoryMiB\":4096,\"vcpus\":1,\"diskGiB\":1,"
                + "\"queue\":\"yes\"}");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("queue");
        assertThat(body(get("queue", ROOT))).isEmpty();
    }
}
