package io.vmpool.lock.conformance;

import java.util.Objects;

/** Whether a backend supports a {@link Feature}, and if not, why (shown as the reason the cases are skipped). */
public record Support(boolean supported, String reason) {

    public Support {
        Objects.requireNonNull(reason, "reason");
        if (!supported && reason.isBlank()) {
            throw new IllegalArgumentException("a backend that opts out of a feature must say why");
        }
    }

    public static Support yes() {
        return new Support(true, "");
    }

    /** Opts out, saying why, e.g. {@code no("one JVM: there is no other node")}. */
    public static Support no(String reason) {
        return new Support(false, reason);
    }
}
