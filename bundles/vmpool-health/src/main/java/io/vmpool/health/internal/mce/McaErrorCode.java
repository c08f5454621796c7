package io.vmpool.health.internal.mce;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A decoded MCA error code (IA32_MCi_STATUS bits 15:0). {@code filtered} is bit 12 of a compound
 * code (corrected-error filtering: some later errors in the same place were not reported); it is
 * masked off before the class is determined, as the SDM says.
 */
public record McaErrorCode(int raw, ErrorClass errorClass, boolean filtered, List<CodeField> fields) {

    public McaErrorCode {
        fields = List.copyOf(fields);
    }

    /** Decodes the low 16 bits of a status register. */
    public static McaErrorCode decode(int code) {
        return ErrorCodeTables.decode(code & 0xffff);
    }

    /** The class and its fields in words, e.g. "memory controller error: memory read error, channel 0". */
    public String words() {
        if (fields.isEmpty()) {
            return errorClass.words() + (filtered ? " (filtered)" : "");
        }
        return errorClass.words() + ": "
                + fields.stream().map(CodeField::words).collect(Collectors.joining(", "))
                + (filtered ? " (filtered)" : "");
    }

    /** The field of that SDM name (e.g. "LL"), if this code has one. */
    public Optional<CodeField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
