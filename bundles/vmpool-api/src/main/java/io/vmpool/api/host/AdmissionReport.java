package io.vmpool.api.host;

import java.util.List;

/**
 * How an admission went: every check in the order it ran, and, for an admitted host, the
 * fingerprint recorded and the health state it starts in (PROBATION, or HEALTHY with no probation;
 * empty when no health policy is installed).
 */
public record AdmissionReport(String host, List<AdmissionCheck> checks, HostFingerprint fingerprint, String state) {

    public AdmissionReport {
        checks = List.copyOf(checks);
    }

    /** The checks that failed and were not accepted. */
    public List<AdmissionCheck> failures() {
        return checks.stream().filter(AdmissionCheck::failed).toList();
    }
}
