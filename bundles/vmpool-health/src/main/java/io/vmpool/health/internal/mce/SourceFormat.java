package io.vmpool.health.internal.mce;

/** Where a machine-check record was read from. */
public enum SourceFormat {
    /** The kernel's own lines, on a serial console or in the kernel log (dmesg, syslog, journal). */
    KERNEL_LOG("kernel log"),
    /** mcelog's decoded text (daemon log or {@code mcelog --ascii}). */
    MCELOG("mcelog"),
    /** rasdaemon's SQLite database, table mce_record. */
    RASDAEMON_DATABASE("rasdaemon database"),
    /** {@code ras-mc-ctl --errors} output. */
    RAS_MC_CTL("ras-mc-ctl --errors");

    private final String words;

    SourceFormat(String words) {
        this.words = words;
    }

    /** The source in words. */
    public String words() {
        return words;
    }
}
