package io.vmpool.health.internal.mce;

/** How bad one machine-check record is, from its UC and PCC bits. */
public enum Severity {
    /** UC=0: the hardware corrected the error. */
    CORRECTED("corrected"),
    /** UC=1, PCC=0: not corrected, but the processor context is intact; software may recover. */
    UNCORRECTED_RECOVERABLE("uncorrected, recoverable"),
    /** PCC=1: the processor context is corrupt; the kernel panics. */
    FATAL("fatal (processor context corrupt)");

    private final String words;

    Severity(String words) {
        this.words = words;
    }

    /** The severity in words. */
    public String words() {
        return words;
    }
}
