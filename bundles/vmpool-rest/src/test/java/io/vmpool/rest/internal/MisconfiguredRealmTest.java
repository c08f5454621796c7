package io.vmpool.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A realm name that JAAS does not know is the server's fault: 500 with an incident id, not 401. */
class MisconfiguredRealmTest extends RestApiTestSupport {

    @Override
    RestSettings settings() {
        return new RestSettings("/api/v1", "no-such-realm", 4096, 2, 10);
    }

    @Test
    void unknownRealmIs500WithAnIncident() throws Exception {
        HttpResponse<String> response = get("vms", ALICE);

        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode problem = body(response);
        assertThat(problem.get("type").asText()).isEqualTo("urn:vmpool:problem:internal-error");
        assertThat(problem.get("incident").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).doesNotContain("no-such-realm");
        assertThat(machines.lastCaller()).isNull();
    }
}
