package io.vmpool.health.internal.mce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Collects the fields of one record over the lines a source spreads it across. */
final class RecordBuilder {
    final int cpu;
    final int bank;
    final long status;
    final SourceFormat source;
    OptionalLong mcgStatus = OptionalLong.empty();
    OptionalLong addr = OptionalLong.empty();
    OptionalLong misc = OptionalLong.empty();
    OptionalLong tsc = OptionalLong.empty();
    Optional<Instant> time = Optional.empty();
    OptionalInt socket = OptionalInt.empty();
    OptionalInt apic = OptionalInt.empty();
    Optional<String> processor = Optional.empty();
    final List<String> lines = new ArrayList<>();

    RecordBuilder(int cpu, int bank, long status, SourceFormat source) {
        this.cpu = cpu;
        this.bank = bank;
        this.status = status;
        this.source = source;
    }

    MachineCheck build() {
        return new MachineCheck(cpu, bank, McaStatus.of(status), mcgStatus, addr, misc, tsc, time, socket, apic,
                processor, source, lines);
    }
}
