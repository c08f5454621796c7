package io.vmpool.health.internal.mce;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One machine-check record, whatever format it came from: the bank's decoded status and the
 * registers and context the source gave. Absent values are empty, never zero by default
 * ({@code processor} is the kernel's "vendor:cpuid", e.g. "2:60fb1").
 */
public record MachineCheck(int cpu, int bank, McaStatus status, OptionalLong mcgStatus, OptionalLong addr,
        OptionalLong misc, OptionalLong tsc, Optional<Instant> time, OptionalInt socket, OptionalInt apic,
        Optional<String> processor, SourceFormat source, List<String> rawLines) {

    public MachineCheck {
        rawLines = List.copyOf(rawLines);
    }

    /** Shorthand for the status's severity. */
    public Severity severity() {
        return status.severity();
    }

    /** One line saying what happened, for logs and alerts. */
    public String summary() {
        StringBuilder text = new StringBuilder()
                .append(status.severity().words()).append(" machine check on CPU ").append(cpu)
                .append(" bank ").append(bank).append(": ").append(status.errorCode().words());
        addr.ifPresent(a -> text.append(String.format(", address 0x%x", a)));
        return text.append(" (status ").append(status.hex()).append(')').toString();
    }
}
