package io.vmpool.health.internal.mce;

/**
 * The SDM's classes of uncorrected recoverable (UCR) errors, from the S and AR bits of a record
 * with UC=1 and PCC=0 (SDM Vol. 3B, "UCR Error Classification").
 */
public enum RecoveryClass {
    /** S=0: uncorrected, no action required (reported by polling or CMCI, not an exception). */
    UCNA("uncorrected, no action required"),
    /** S=1, AR=0: software recoverable, action optional (e.g. a memory scrubbing error). */
    SRAO("software recoverable, action optional"),
    /** S=1, AR=1: software recoverable, action required (the data was consumed). */
    SRAR("software recoverable, action required");

    private final String words;

    RecoveryClass(String words) {
        this.words = words;
    }

    /** The class in words. */
    public String words() {
        return words;
    }
}
