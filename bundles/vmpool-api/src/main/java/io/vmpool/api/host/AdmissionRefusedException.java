package io.vmpool.api.host;

import io.vmpool.api.ConflictException;
import java.util.List;

/** A host failed one or more admission checks and was left out of the pool; nothing was written for it. */
public class AdmissionRefusedException extends ConflictException {
    private static final long serialVersionUID = 1L;
    private final transient List<AdmissionCheck> checks;

    public AdmissionRefusedException(String host, List<AdmissionCheck> checks) {
        super(describe(host, checks));
        this.checks = List.copyOf(checks);
    }

    /** Every check that ran, failed or not. */
    public List<AdmissionCheck> checks() {
        return checks;
    }

    private static String describe(String host, List<AdmissionCheck> checks) {
        StringBuilder sb = new StringBuilder("host ").append(host).append(" was not admitted:");
        for (AdmissionCheck c : checks) {
            if (c.failed()) {
                sb.append("\n  ").append(c);
            }
        }
        sb.append("\nIt is not in the pool. Fix what failed and run host:add again; an admin may accept a failed check "
                + "with --accept <check> (not name or reachable).");
        return sb.toString();
    }
}
