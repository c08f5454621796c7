package io.vmpool.api.host;

import java.util.Objects;

/**
 * One check of a host admission: its name ({@code reachable}, {@code node-info}, {@code ecc}, ...),
 * how it came out, and what was seen, in words.
 */
public record AdmissionCheck(String name, Outcome outcome, String detail) {

    /** How a check came out. */
    public enum Outcome {
        PASSED,
        FAILED,
        /** Failed, and the admin accepted it for this host ({@code host:add --accept <check>}). */
        ACCEPTED,
        /** Could not be made (a source the admin did not name was not there); does not refuse the host. */
        SKIPPED
    }

    public AdmissionCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }

    public static AdmissionCheck passed(String name, String detail) {
        return new AdmissionCheck(name, Outcome.PASSED, detail);
    }

    public static AdmissionCheck failed(String name, String detail) {
        return new AdmissionCheck(name, Outcome.FAILED, detail);
    }

    public static AdmissionCheck skipped(String name, String detail) {
        return new AdmissionCheck(name, Outcome.SKIPPED, detail);
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }

    @Override
    public String toString() {
        return name + " " + outcome + ": " + detail;
    }
}
