package io.vmpool.health.internal.mce;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.health.internal.Fixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** mcelog's real decoded output of the QEMU captures (mcelog built from git, see make-mce-fixtures.sh). */
class McelogParserTest {
    private static final int MAX_LINES = Fixtures.console(Map.of()).maxRecordLines();

    private static List<ConsoleEvent> parse(String fixture) throws IOException {
        try (BufferedReader reader = Fixtures.reader(fixture)) {
            return McelogParser.parse(reader, MAX_LINES);
        }
    }

    private static List<MachineCheck> records(List<ConsoleEvent> events) {
        assertThat(events).allMatch(ConsoleEvent.MachineCheckRecord.class::isInstance);
        return events.stream().map(e -> ((ConsoleEvent.MachineCheckRecord) e).record()).toList();
    }

    @Test
    void p4DecodeOfTheCorrectedAndFatalRecords() throws IOException {
        List<MachineCheck> records = records(parse("mcelog-p4-corrected-then-fatal.txt"));

        assertThat(records).hasSize(2);
        MachineCheck corrected = records.get(0);
        assertThat(corrected.source()).isEqualTo(SourceFormat.MCELOG);
        assertThat(corrected.cpu()).isZero();
        assertThat(corrected.bank()).isEqualTo(1);
        assertThat(corrected.status().raw()).isEqualTo(0x9c0000000000009fL);
        assertThat(corrected.severity()).isEqualTo(Severity.CORRECTED);
        assertThat(corrected.mcgStatus()).hasValue(0);
        assertThat(corrected.addr()).hasValue(0x12345000L);
        assertThat(corrected.misc()).hasValue(0x8c);
        assertThat(corrected.tsc()).isEmpty();
        assertThat(corrected.time()).contains(Instant.ofEpochSecond(1796156931L));
        assertThat(corrected.socket()).hasValue(0);
        assertThat(corrected.apic()).hasValue(0);
        assertThat(corrected.processor()).contains("AMD family 15 model 107 step 1");
        // mcelog's own words are kept with the record
        assertThat(corrected.rawLines()).contains("MCA: MEMORY CONTROLLER RD_CHANNELunspecified_ERR",
                "Transaction: Memory read error");

        MachineCheck fatal = records.get(1);
        assertThat(fatal.bank()).isEqualTo(2);
        assertThat(fatal.severity()).isEqualTo(Severity.FATAL);
        assertThat(fatal.tsc()).hasValue(0x86486119aL);
        assertThat(fatal.mcgStatus()).hasValue(4);
        assertThat(fatal.status().errorCode().words()).isEqualTo("memory controller error: memory read error, channel 0");
    }

    @Test
    void k8DecodeNamesTheBankInsteadOfBankN() throws IOException {
        List<MachineCheck> records = records(parse("mcelog-k8-corrected-then-fatal.txt"));

        assertThat(records).extracting(MachineCheck::bank).containsExactly(1, 2);
        assertThat(records.get(1).tsc()).hasValue(0x86486119aL);
        assertThat(records.get(0).rawLines()).anyMatch(l -> l.startsWith("CPU 0 1 instruction cache"));
        assertThat(records).extracting(r -> r.status().raw()).containsExactly(0x9c0000000000009fL, 0xbe00000000800090L);
    }

    @Test
    void intelDecodeWithRipAndTheTrailingKernelLines() throws IOException {
        List<MachineCheck> records = records(parse("mcelog-intel-srao-then-fatal.txt"));

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.bank()).isEqualTo(3);
            assertThat(r.status().raw()).isEqualTo(0xb200000000000151L);
            assertThat(r.mcgStatus()).hasValue(5);
            assertThat(r.tsc()).hasValue(0x5e40c29eeL);
            assertThat(r.addr()).isEmpty();
            assertThat(r.processor()).contains("Intel family 15 model 107 step 1");
            assertThat(r.rawLines()).contains("MCA: Instruction CACHE Level-2 Instruction-Fetch Error")
                    .last().isEqualTo("SOCKET 0 APIC 0 microcode 1");
        });
    }

    @Test
    void aRecordWithoutStatusIsReportedNotGuessed() throws IOException {
        String text = String.join("\n", "Hardware event. This is not a software error.", "CPU 0 BANK 1 ",
                "MISC 8c ADDR 12345000 ", "Hardware event. This is not a software error.", "CPU 1 BANK 4 ",
                "STATUS 9c0000000000009f MCGSTATUS 0", "unrelated line");

        List<ConsoleEvent> events = McelogParser.parse(new BufferedReader(new StringReader(text)), MAX_LINES);

        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(ConsoleEvent.Unparsed.class,
                u -> assertThat(u.reason()).contains("STATUS"));
        assertThat(events.get(1)).isInstanceOfSatisfying(ConsoleEvent.MachineCheckRecord.class,
                r -> assertThat(r.record().bank()).isEqualTo(4));
    }
}
