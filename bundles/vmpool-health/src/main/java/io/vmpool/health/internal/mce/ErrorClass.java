package io.vmpool.health.internal.mce;

/** The classes of MCA error code (IA32_MCi_STATUS bits 15:0), SDM Vol. 3B "Interpreting the MCA Error Codes". */
public enum ErrorClass {
    NO_ERROR("no error", false),
    UNCLASSIFIED("unclassified error", false),
    MICROCODE_ROM_PARITY("microcode ROM parity error", false),
    EXTERNAL("external error (BINIT# from another processor)", false),
    FRC("functional redundancy check master/slave error", false),
    INTERNAL_PARITY("internal parity error", false),
    SMM_HANDLER_CODE_ACCESS_VIOLATION("SMM handler code access violation", false),
    INTERNAL_TIMER("internal timer error", false),
    IO("I/O error", false),
    INTERNAL_UNCLASSIFIED("internal unclassified error", false),
    GENERIC_CACHE_HIERARCHY("generic cache hierarchy error", true),
    TLB("TLB error", true),
    MEMORY_CONTROLLER("memory controller error", true),
    CACHE_HIERARCHY("cache hierarchy error", true),
    BUS_INTERCONNECT("bus/interconnect error", true),
    UNKNOWN("error code not defined by the SDM", false);

    private final String words;
    private final boolean compound;

    ErrorClass(String words, boolean compound) {
        this.words = words;
        this.compound = compound;
    }

    /** The class in words. */
    public String words() {
        return words;
    }

    /** Whether codes of this class are compound (have sub-fields) rather than simple. */
    public boolean compound() {
        return compound;
    }
}
