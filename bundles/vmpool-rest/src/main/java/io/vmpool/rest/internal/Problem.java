package io.vmpool.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vmpool.api.host.AdmissionCheck;
import io.vmpool.api.machine.HostRefusal;
import io.vmpool.api.placement.PlacementDecision;
import java.util.List;

/**
 * An RFC 7807 problem body. Extension members appear only for their kind: {@code field}/{@code rule}
 * (invalid request, malformed body), {@code refusals} and {@code placement} (no capacity: one line per host, and the scheduler's decision), {@code limit}/{@code value}/{@code pid}
 * (limit exceeded), {@code checks} (host admission refused), {@code backend} (backend failure), {@code incident} (internal error, to find it in the log).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Problem(
        String type,
        String title,
        int status,
        String detail,
        String field,
        String rule,
        List<HostRefusal> refusals,
        PlacementDecision placement,
        String limit,
        Long value,
        String pid,
        String backend,
        String incident,
        List<AdmissionCheck> checks) {

    static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail,
                null, null, null, null, null, null, null, null, null, null);
    }

    static Problem ofStatus(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null, null, null, null, null, null, null, null, null);
    }

    Problem withField(String field, String rule) {
        return new Problem(type, title, status, detail, field, rule, refusals, placement, limit, value, pid, backend, incident, checks);
    }

    Problem withRefusals(List<HostRefusal> refusals) {
        return new Problem(type, title, status, detail, field, rule, refusals, placement, limit, value, pid, backend, incident, checks);
    }

    Problem withPlacement(PlacementDecision placement) {
        return new Problem(type, title, status, detail, field, rule, refusals, placement, limit, value, pid, backend, incident,
                checks);
    }

    Problem withLimit(String limit, long value, String pid) {
        return new Problem(type, title, status, detail, field, rule, refusals, placement, limit, value, pid, backend, incident, checks);
    }

    Problem withBackend(String backend) {
        return new Problem(type, title, status, detail, field, rule, refusals, placement, limit, value, pid, backend, incident, checks);
    }

    Problem withChecks(List<AdmissionCheck> checks) {
        return new Problem(type, title, status, detail, field, rule, refusals, placement, limit, value, pid, backend, incident, checks);
    }

    Problem withIncident(String incident) {
        return new Problem(type, title, status, detail, field, rule, refusals, placement, limit, value, pid, backend, incident, checks);
    }
}
