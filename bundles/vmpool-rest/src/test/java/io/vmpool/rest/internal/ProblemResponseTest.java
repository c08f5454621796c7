package io.vmpool.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Every refusal is application/problem+json with the right status, type and extension members. */
class ProblemResponseTest extends RestApiTestSupport {

    @Test
    void malformedJsonIs400() throws Exception {
        JsonNode problem = assertProblem(post("vms", ALICE, "{\"name\":\"web1\",\"memoryMiB\":"), 400,
                "malformed-body");
        assertThat(problem.get("detail").asText()).contains("line 1");
    }

    @Test
    void stringWhereANumberBelongsIs400NamingTheField() throws Exception {
        JsonNode problem = assertProblem(
                post("vms", ALICE, "{\"name\":\"web1\",\"memoryMiB\":\"512\",\"vcpus\":1,\"diskGiB\":2}"), 400,
                "malformed-body");
        assertThat(problem.get("field").asText()).isEqualTo("memoryMiB");
        assertThat(problem.get("detail").asText()).startsWith("Field 'memoryMiB': expected a whole number");
    }

    @Test
    void wrongShapesAre400NamingTheField() throws Exception {
        String[][] cases = {
            {"{\"name\":\"web1\",\"memoryMiB\":512,\"vcpus\":1.5,\"diskGiB\":2}", "vcpus"},
            {"{\"name\":\"web1\",\"memoryMiB\":512,\"vcpus\":true,\"diskGiB\":2}", "vcpus"},
            {"{\"name\":\"web1\",\"memoryMiB\":512,\"vcpus\":99999999999,\"diskGiB\":2}", "vcpus"},
            {"{\"name\":42,\"memoryMiB\":512,\"vcpus\":1,\"diskGiB\":2}", "name"},
            {"{\"name\":\"web1\",\"memoryMb\":512,\"vcpus\":1,\"diskGiB\":2}", "memoryMb"},
        };
        for (String[] c : cases) {
            JsonNode problem = assertProblem(post("vms", ALICE, c[0]), 400, "malformed-body");
            assertThat(problem.get("field").asText()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void notAnObjectOrTrailingGarbageIs400() throws Exception {
        assertProblem(post("vms", ALICE, "[1,2]"), 400, "malformed-body");
        assertProblem(post("vms", ALICE, "{\"name\":\"web1\",\"memoryMiB\":512,\"vcpus\":1,\"diskGiB\":2} x"), 400,
                "malformed-body");
    }

    @Test
    void missingFieldIs400WithFieldAndRule() throws Exception {
        JsonNode problem = assertProblem(post("vms", ALICE, "{\"name\":\"web1\",\"memoryMiB\":512,\"diskGiB\":2}"), 400,
                "invalid-request");
        assertThat(problem.get("field").asText()).isEqualTo("vcpus");
        assertThat(problem.get("rule").asText()).isEqualTo("required");
    }

    @Test
    void missingBodyIs400() throws Exception {
        assertThat(post("vms", ALICE, "").statusCode()).isEqualTo(400);
        assertThat(post("vms", ALICE, "null").statusCode()).isEqualTo(400);
    }

    @Test
    void invalidRequestFromTheServiceIs400WithFieldAndRule() throws Exception {
        JsonNode problem = assertProblem(
                post("vms", ALICE, "{\"name\":\"Web_1\",\"memoryMiB\":512,\"vcpus\":1,\"diskGiB\":2}"), 400,
                "invalid-request");
        assertThat(problem.get("field").asText()).isEqualTo("name");
        assertThat(problem.get("rule").asText()).isEqualTo("^[a-z][a-z0-9-]{0,62}$");
        assertThat(problem.get("detail").asText()).contains("Web_1");
        assertThat(problem.get("title").asText()).isEqualTo("The request is not valid");
    }

    @Test
    void noCapacityIs409WithRefusals() throws Exception {
        JsonNode problem = assertProblem(
                post("vms", ALICE, "{\"name\":\"big\",\"memoryMiB\":4096,\"vcpus\":1,\"diskGiB\":2}"), 409,
                "no-capacity");
        assertThat(problem.get("refusals").size()).isEqualTo(1);
        JsonNode refusal = problem.get("refusals").get(0);
        assertThat(refusal.get("host").asText()).isEqualTo("host1");
        assertThat(refusal.get("reason").asText()).isEqualTo("not enough free memory");
        assertThat(refusal.get("freeMemoryMiB").asLong()).isEqualTo(2048);
    }

    @Test
    void duplicateNameIs409() throws Exception {
        createWeb1();
        assertProblem(createWeb1(), 409, "conflict");
    }

    @Test
    void unknownMachineIs404() throws Exception {
        assertProblem(get("vms/nope", ALICE), 404, "not-found");
        assertProblem(delete("vms/nope", ALICE), 404, "not-found");
        assertProblem(postEmpty("vms/nope/start", ALICE), 404, "not-found");
    }

    @Test
    void anotherUsersMachineIsNotVisible() throws Exception {
        createWeb1();
        assertProblem(get("vms/web1", BOB), 404, "not-found");
    }

    @Test
    void creatingForAnotherOwnerIs403UnlessAdmin() throws Exception {
        assertProblem(post("vms", ALICE, "{\"name\":\"web1\",\"memoryMiB\":512,\"vcpus\":1,\"diskGiB\":2,\"owner\":\"bob\"}"),
                403, "forbidden");
        assertThat(post("vms", ROOT, "{\"name\":\"web1\",\"memoryMiB\":512,\"vcpus\":1,\"diskGiB\":2,\"owner\":\"bob\"}")
                .statusCode()).isEqualTo(201);
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws Exception {
        HttpResponse<String> unknown = get("nothing-here", ALICE);
        JsonNode problem = assertProblemStatus(unknown, 404);
        assertThat(problem.get("type").asText()).isEqualTo("about:blank");

        HttpResponse<String> wrongMethod = send(request("hosts", ALICE).DELETE());
        assertProblemStatus(wrongMethod, 405);
        assertThat(wrongMethod.headers().firstValue("Allow")).isPresent();
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        HttpResponse<String> response = send(request("vms", ALICE).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name=web1")));
        assertProblemStatus(response, 415);
    }

    @Test
    void bodyOverMaxBodyBytesIs413() throws Exception {
        String big = "{\"name\":\"web1\",\"memoryMiB\":512,\"vcpus\":1,\"diskGiB\":2,\"owner\":\"" + "x".repeat(5000) + "\"}";
        JsonNode problem = assertProblem(post("vms", ALICE, big), 413, "body-too-large");
        assertThat(problem.get("detail").asText()).contains("4096").contains("io.vmpool.rest maxBodyBytes");

        HttpResponse<String> streamed = send(request("vms", ALICE).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes()))));
        assertProblem(streamed, 413, "body-too-large");
    }

    private JsonNode assertProblem(HttpResponse<String> response, int status, String kind) throws Exception {
        JsonNode problem = assertProblemStatus(response, status);
        assertThat(problem.get("type").asText()).isEqualTo("urn:vmpool:problem:" + kind);
        return problem;
    }

    private JsonNode assertProblemStatus(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = body(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }
}
