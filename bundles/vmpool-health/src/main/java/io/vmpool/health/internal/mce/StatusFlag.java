package io.vmpool.health.internal.mce;

/** The flag bits of IA32_MCi_STATUS (Intel SDM Vol. 3B, "IA32_MCi_STATUS MSRs"), each with its word. */
public enum StatusFlag {
    VAL(63, "valid"),
    OVER(62, "overflow (an earlier error was lost)"),
    UC(61, "uncorrected"),
    EN(60, "error reporting enabled"),
    MISCV(59, "MCi_MISC valid"),
    ADDRV(58, "MCi_ADDR valid"),
    PCC(57, "processor context corrupt"),
    S(56, "signaled (machine-check exception)"),
    AR(55, "action required");

    private final int bit;
    private final String words;

    StatusFlag(int bit, String words) {
        this.bit = bit;
        this.words = words;
    }

    /** Bit position in the 64-bit register. */
    public int bit() {
        return bit;
    }

    /** What the bit means when set. */
    public String words() {
        return words;
    }

    boolean isSetIn(long status) {
        return (status >>> bit & 1L) != 0;
    }
}
