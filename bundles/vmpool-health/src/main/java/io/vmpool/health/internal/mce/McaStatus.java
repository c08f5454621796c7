package io.vmpool.health.internal.mce;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One decoded IA32_MCi_STATUS value: the flag bits, the corrected-error count (bits 52:38), the
 * model-specific error code (31:16) and the MCA error code (15:0) with its class and fields.
 */
public record McaStatus(long raw, Set<StatusFlag> flags, int correctedCount, int modelSpecific,
        McaErrorCode errorCode) {

    public McaStatus {
        flags = Set.copyOf(flags);
    }

    /** Decodes a raw register value. */
    public static McaStatus of(long raw) {
        Set<StatusFlag> flags = EnumSet.noneOf(StatusFlag.class);
        for (StatusFlag flag : StatusFlag.values()) {
            if (flag.isSetIn(raw)) {
                flags.add(flag);
            }
        }
        int count = (int) (raw >>> 38 & 0x7fff);
        int model = (int) (raw >>> 16 & 0xffff);
        return new McaStatus(raw, flags, count, model, McaErrorCode.decode((int) (raw & 0xffff)));
    }

    /** Whether the flag is set. */
    public boolean has(StatusFlag flag) {
        return flags.contains(flag);
    }

    /** Corrected (UC=0), uncorrected recoverable (UC=1, PCC=0) or fatal (PCC=1). */
    public Severity severity() {
        if (has(StatusFlag.PCC)) {
            return Severity.FATAL;
        }
        return has(StatusFlag.UC) ? Severity.UNCORRECTED_RECOVERABLE : Severity.CORRECTED;
    }

    /** For an uncorrected recoverable error, its SDM class (UCNA, SRAO, SRAR); empty otherwise. */
    public Optional<RecoveryClass> recoveryClass() {
        if (severity() != Severity.UNCORRECTED_RECOVERABLE) {
            return Optional.empty();
        }
        if (!has(StatusFlag.S)) {
            return Optional.of(RecoveryClass.UCNA);
        }
        return Optional.of(has(StatusFlag.AR) ? RecoveryClass.SRAR : RecoveryClass.SRAO);
    }

    /** The register as the kernel prints it: 16 hex digits. */
    public String hex() {
        return String.format("%016x", raw);
    }
}
