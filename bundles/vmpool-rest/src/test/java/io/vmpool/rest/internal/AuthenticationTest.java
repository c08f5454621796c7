package io.vmpool.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** HTTP Basic against the JAAS realm: who gets in, what the refusal looks like, which roles reach the core. */
class AuthenticationTest extends RestApiTestSupport {

    @Test
    void withoutCredentialsIs401WithChallengeAndProblem() throws Exception {
        HttpResponse<String> response = get("vms", null);

        assertUnauthorized(response);
        assertThat(body(response).get("detail").asText()).contains("HTTP Basic");
    }

    @Test
    void wrongPasswordIs401() throws Exception {
        assertUnauthorized(get("vms", "alice:not-her-password"));
    }

    @Test
    void unknownUserIs401() throws Exception {
        assertUnauthorized(get("vms", "mallory:alice-pw"));
    }

    @Test
    void groupNameCannotLogIn() throws Exception {
        assertUnauthorized(get("vms", "_g_:vmpoolusers:group"));
    }

    @Test
    void otherSchemesAndGarbageAre401() throws Exception {
        assertUnauthorized(send(request("vms", null).header("Authorization", "Bearer abc").GET()));
        assertUnauthorized(send(request("vms", null).header("Authorization", "Basic %%%not-base64").GET()));
        assertUnauthorized(send(request("vms", null).header("Authorization", "Basic bm9jb2xvbg==").GET()));
    }

    @Test
    void unknownPathsNeedCredentialsToo() throws Exception {
        assertUnauthorized(get("no-such-thing", null));
    }

    @Test
    void wadlIsNotServed() throws Exception {
        HttpResponse<String> response = get("vms?_wadl", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("/vms");
        assertThat(get("vms?_wadl", ALICE).statusCode()).isEqualTo(404);
    }

    @Test
    void refusedRequestBodyIsNotPassedOn() throws Exception {
        HttpResponse<String> response = send(request("vms", "alice:wrong")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"web1\",\"memoryMiB\":512,\"vcpus\":1,\"diskGiB\":2}")));

        assertUnauthorized(response);
        assertThat(machines.lastCaller()).isNull();
    }

    @Test
    void callerNameAndRolesFromTheRealmReachTheService() throws Exception {
        assertThat(get("vms", ALICE).statusCode()).isEqualTo(200);
        assertThat(machines.lastCaller().name()).isEqualTo("alice");
        assertThat(machines.lastCaller().roles()).containsExactly("vmpool-user");

        assertThat(get("hosts", ROOT).statusCode()).isEqualTo(200);
        assertThat(machines.lastCaller().name()).isEqualTo("root");
        assertThat(machines.lastCaller().roles()).containsExactlyInAnyOrder("admin", "ssh", "vmpool-admin");
    }

    private void assertUnauthorized(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic realm=\"vmpool\""));
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = body(response);
        assertThat(problem.get("type").asText()).isEqualTo("urn:vmpool:problem:unauthorized");
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("title").asText()).isNotBlank();
    }
}
