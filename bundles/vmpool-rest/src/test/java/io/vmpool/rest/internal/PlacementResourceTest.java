package io.vmpool.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmpool.api.placement.PlacementRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** POST /placements?dryRun=true and GET /capacity: shape checked by the door, 400 naming the field and the rule. */
class PlacementResourceTest extends RestApiTestSupport {

    @Test
    void aDryRunReturnsTheDecisionWithEveryHost() throws Exception {
        HttpResponse<String> r = post("placements?dryRun=true", ALICE, "{\"memoryMiB\":1024,\"vcpus\":2,\"diskGiB\":20}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode d = body(r);
        assertThat(d.get("host").asText()).isEqualTo("host1");
        assertThat(d.get("hosts").get(0).get("score").asLong()).isEqualTo(1024);
        assertThat(d.get("hosts").get(0).get("failed").size()).isZero();
        assertThat(d.get("request").get("vcpus").asInt()).isEqualTo(2);
        assertThat(placements.last).isEqualTo(new PlacementRequest(1024, 2, 20));
        assertThat(post("placements", ALICE, "{\"memoryMiB\":1024,\"diskGiB\":20}").statusCode()).isEqualTo(200);
        assertThat(placements.last.vcpus()).isEqualTo(1);
    }

    @Test
    void aRefusedDryRunIs200WithNoHostAndTheFailedFilters() throws Exception {
        JsonNode d = body(post("placements?dryRun=true", ALICE, "{\"memoryMiB\":4096,\"diskGiB\":20}"));
        assertThat(d.get("host").isNull()).isTrue();
        assertThat(d.get("missingMiB").asLong()).isEqualTo(2048);
        assertThat(d.get("hosts").get(0).get("failed").get(0).get("filter").asText()).isEqualTo("memory");
    }

    @Test
    void badRequestsAre400NamingTheFieldAndTheRule() throws Exception {
        assertField(post("placements?dryRun=false", ALICE, "{\"memoryMiB\":1024,\"diskGiB\":20}"), "dryRun", "true");
        assertField(post("placements?dryRun=true", ALICE, "{\"diskGiB\":20}"), "memoryMiB", "required");
        assertField(post("placements?dryRun=true", ALICE, "{\"memoryMiB\":1024}"), "diskGiB", "required");
        assertField(post("placements?dryRun=true", ALICE, "{\"memoryMiB\":0,\"diskGiB\":1}"), "memoryMiB", "> 0");
        HttpResponse<String> typed = post("placements?dryRun=true", ALICE, "{\"memoryMiB\":\"4096\",\"diskGiB\":1}");
        assertThat(typed.statusCode()).isEqualTo(400);
        assertThat(body(typed).get("field").asText()).isEqualTo("memoryMiB");
        assertThat(post("placements?dryRun=true", ALICE, "{\"memoryMb\":1,\"diskGiB\":1}").statusCode()).isEqualTo(400);
        assertField(get("capacity?memoryMiB=lots", ROOT), "memoryMiB", "whole number > 0");
        assertField(get("capacity?diskGiB=-1", ROOT), "diskGiB", "whole number > 0");
    }

    @Test
    void capacityIsForAdministratorsAndPassesTheSizeOn() throws Exception {
        assertThat(get("capacity?memoryMiB=512", ALICE).statusCode()).isEqualTo(403);
        JsonNode r = body(get("capacity?memoryMiB=512&diskGiB=2", ROOT));
        assertThat(r.get("total").asInt()).isEqualTo(4);
        assertThat(r.get("hosts").get(0).get("fits").asInt()).isEqualTo(4);
        assertThat(placements.last).isEqualTo(new PlacementRequest(512, 1, 2));
        assertThat(body(get("capacity", ROOT)).get("size").get("memoryMiB").asLong()).isEqualTo(1024);
    }

    private void assertField(HttpResponse<String> r, String field, String rule) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode p = body(r);
        assertThat(p.get("type").asText()).isEqualTo("urn:vmpool:problem:invalid-request");
        assertThat(p.get("field").asText()).isEqualTo(field);
        assertThat(p.get("rule").asText()).isEqualTo(rule);
    }
}
