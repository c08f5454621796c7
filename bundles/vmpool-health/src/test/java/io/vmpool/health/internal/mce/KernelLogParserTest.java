package io.vmpool.health.internal.mce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.health.internal.Fixtures;
import io.vmpool.health.internal.console.ConsoleConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The kernel-log parser on the real QEMU captures (values as injected by make-mce-fixtures.sh). */
class KernelLogParserTest {
    private static final int MAX_LINES = Fixtures.console(Map.of()).maxRecordLines();

    private static List<ConsoleEvent> parse(String fixture) throws IOException {
        try (BufferedReader reader = Fixtures.reader(fixture)) {
            return KernelLogParser.parse(reader, MAX_LINES);
        }
    }

    private static List<ConsoleEvent> parseLines(List<String> lines) throws IOException {
        return KernelLogParser.parse(new BufferedReader(new StringReader(String.join("\n", lines))), MAX_LINES);
    }

    private static List<MachineCheck> records(List<ConsoleEvent> events) {
        return events.stream().filter(ConsoleEvent.MachineCheckRecord.class::isInstance)
                .map(e -> ((ConsoleEvent.MachineCheckRecord) e).record()).toList();
    }

    @Test
    void correctedThenFatalOnQemu64() throws IOException {
        List<ConsoleEvent> events = parse("qemu-corrected-then-fatal.log");

        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("KernelNotice",
                "MachineCheckRecord", "MachineCheckRecord", "KernelNotice", "Panic");
        assertThat(((ConsoleEvent.KernelNotice) events.get(0)).kind()).isEqualTo(NoticeKind.EVENTS_LOGGED);

        MachineCheck corrected = records(events).get(0);
        assertThat(corrected.cpu()).isZero();
        assertThat(corrected.bank()).isEqualTo(1);
        assertThat(corrected.status().raw()).isEqualTo(0x9c0000000000009fL);
        assertThat(corrected.severity()).isEqualTo(Severity.CORRECTED);
        assertThat(corrected.status().errorCode().words())
                .isEqualTo("memory controller error: memory read error, channel not specified");
        assertThat(corrected.mcgStatus()).hasValue(0);
        assertThat(corrected.addr()).hasValue(0x12345000L);
        assertThat(corrected.misc()).hasValue(0x8c);
        assertThat(corrected.tsc()).hasValue(0);
        assertThat(corrected.time()).contains(Instant.ofEpochSecond(1796156931L));
        assertThat(corrected.socket()).hasValue(0);
        assertThat(corrected.apic()).hasValue(0);
        assertThat(corrected.processor()).contains("2:60fb1");
        assertThat(corrected.source()).isEqualTo(SourceFormat.KERNEL_LOG);
        assertThat(corrected.rawLines()).hasSize(3).first().asString()
                .endsWith("mce: [Hardware Error]: CPU 0: Machine Check: 0 Bank 1: 9c0000000000009f");

        MachineCheck fatal = records(events).get(1);
        assertThat(fatal.bank()).isEqualTo(2);
        assertThat(fatal.status().raw()).isEqualTo(0xbe00000000800090L);
        assertThat(fatal.severity()).isEqualTo(Severity.FATAL);
        assertThat(fatal.status().modelSpecific()).isEqualTo(0x0080);
        assertThat(fatal.status().errorCode().words()).isEqualTo("memory controller error: memory read error, channel 0");
        assertThat(fatal.mcgStatus()).hasValue(4);
        assertThat(fatal.addr()).hasValue(0x7ff000L);
        assertThat(fatal.misc()).hasValue(0x86);
        assertThat(fatal.tsc()).hasValue(0x86486119aL);

        assertThat(((ConsoleEvent.KernelNotice) events.get(3)).text()).isEqualTo("Processor Context Corrupt");
        ConsoleEvent.Panic panic = (ConsoleEvent.Panic) events.get(4);
        assertThat(panic.reason()).isEqualTo("Fatal local machine check");
        assertThat(panic.machineCheck()).isTrue();
    }

    @Test
    void broadcastFatalCacheErrorWithRipLineAndNoMisc() throws IOException {
        List<MachineCheck> records = records(parse("qemu-broadcast-fatal.log"));

        assertThat(records).hasSize(1);
        MachineCheck record = records.get(0);
        assertThat(record.cpu()).isEqualTo(1);
        assertThat(record.bank()).isEqualTo(3);
        assertThat(record.status().flags()).containsExactlyInAnyOrder(StatusFlag.VAL, StatusFlag.UC, StatusFlag.EN,
                StatusFlag.ADDRV, StatusFlag.PCC);
        assertThat(record.status().errorCode().words()).isEqualTo("cache hierarchy error: data read, data, level 1");
        assertThat(record.mcgStatus()).hasValue(5);
        assertThat(record.addr()).hasValue(0xabcdef000L);
        assertThat(record.misc()).isEmpty();
        assertThat(record.apic()).hasValue(1);
        assertThat(record.rawLines()).hasSize(4).anyMatch(l -> l.contains("RIP !INEXACT!"));
    }

    @Test
    void intelSraoIsOnlyANoticeAndAMemoryFailureThenTheFatalRecord() throws IOException {
        List<ConsoleEvent> events = parse("qemu-intel-srao-then-fatal.log");

        assertThat(events).filteredOn(ConsoleEvent.KernelNotice.class::isInstance)
                .extracting(e -> ((ConsoleEvent.KernelNotice) e).kind())
                .containsExactly(NoticeKind.EVENTS_LOGGED, NoticeKind.MEMORY_FAILURE, NoticeKind.VERDICT);
        assertThat(events).filteredOn(ConsoleEvent.KernelNotice.class::isInstance)
                .extracting(e -> ((ConsoleEvent.KernelNotice) e).text())
                .contains("Memory failure: 0x2345: recovery action for free buddy page: Recovered",
                        "Processor context corrupt");
        MachineCheck fatal = records(events).get(0);
        assertThat(records(events)).hasSize(1);
        assertThat(fatal.bank()).isEqualTo(3);
        assertThat(fatal.status().raw()).isEqualTo(0xb200000000000151L);
        assertThat(fatal.severity()).isEqualTo(Severity.FATAL);
        assertThat(fatal.status().errorCode().words())
                .isEqualTo("cache hierarchy error: instruction fetch, instruction, level 1");
        assertThat(fatal.addr()).isEmpty();
        assertThat(fatal.processor()).contains("0:60fb1");
        assertThat(events).filteredOn(ConsoleEvent.Panic.class::isInstance).singleElement()
                .extracting(e -> ((ConsoleEvent.Panic) e).reason()).isEqualTo("Fatal machine check");
    }

    @Test
    void withPrintAllTheSraoRecordIsPrintedToo() throws IOException {
        List<MachineCheck> records = records(parse("qemu-intel-srao-print-all.log"));

        assertThat(records).hasSize(2);
        MachineCheck srao = records.get(0);
        assertThat(srao.bank()).isEqualTo(4);
        assertThat(srao.status().raw()).isEqualTo(0xbd000000000000c1L);
        assertThat(srao.severity()).isEqualTo(Severity.UNCORRECTED_RECOVERABLE);
        assertThat(srao.status().recoveryClass()).contains(RecoveryClass.SRAO);
        assertThat(srao.status().errorCode().words()).isEqualTo("memory controller error: memory scrubbing error, channel 1");
        assertThat(srao.addr()).hasValue(0x2345000L);
        assertThat(srao.misc()).hasValue(0x86);
        assertThat(srao.mcgStatus()).hasValue(5);
        assertThat(records.get(1).severity()).isEqualTo(Severity.FATAL);
    }

    @Test
    void broadcastTimeoutPanicsWithoutARecord() throws IOException {
        List<ConsoleEvent> events = parse("qemu-intel-no-broadcast-timeout.log");

        assertThat(records(events)).isEmpty();
        assertThat(events).hasSize(2);
        assertThat(((ConsoleEvent.KernelNotice) events.get(0)).kind()).isEqualTo(NoticeKind.BROADCAST_TIMEOUT);
        ConsoleEvent.Panic panic = (ConsoleEvent.Panic) events.get(1);
        assertThat(panic.reason()).isEqualTo("Timeout: Not all CPUs entered broadcast exception handler");
        assertThat(panic.machineCheck()).isTrue();
    }

    @Test
    void fortyCorrectedRecordsFromTheRasdaemonRun() throws IOException {
        List<MachineCheck> records = records(parse("qemu-rasdaemon.log"));

        assertThat(records).hasSize(40).allMatch(r -> r.severity() == Severity.CORRECTED);
        assertThat(records).extracting(MachineCheck::bank).containsOnly(1, 5);
        MachineCheck cache = records.stream().filter(r -> r.bank() == 5).findFirst().orElseThrow();
        assertThat(cache.status().correctedCount()).isEqualTo(1);
        assertThat(cache.status().errorCode().words()).isEqualTo("cache hierarchy error: data read, data, level 1");
        assertThat(cache.misc()).isEmpty();
    }

    @Test
    void sameRecordsBehindSyslogJournalAndDmesgPrefixes() throws IOException {
        List<String> capture = Fixtures.lines("qemu-corrected-then-fatal.log");
        List<MachineCheck> plain = records(parseLines(capture));
        List<UnaryOperator<String>> prefixes = List.of(
                l -> "Dec  1 20:28:51 host7 kernel: " + l,
                l -> "2026-12-01T20:28:51.779374+00:00 host7 kernel: " + l,
                l -> "<4>" + l,
                l -> l.replaceFirst("^\\[[ 0-9.]+\\] ", ""));

        for (UnaryOperator<String> prefix : prefixes) {
            List<MachineCheck> prefixed = records(parseLines(capture.stream().map(prefix).toList()));
            assertThat(prefixed).extracting(r -> r.status().raw(), MachineCheck::addr, MachineCheck::time)
                    .containsExactlyElementsOf(plain.stream().map(r -> org.assertj.core.groups.Tuple.tuple(
                            r.status().raw(), r.addr(), r.time())).toList());
        }
        assertThat(plain).hasSize(2);
    }

    @Test
    void hungTaskWithAndWithoutPrefix() throws IOException {
        // the format of kernel/hung_task.c ("INFO: task %s:%d blocked for more than %ld seconds.")
        List<ConsoleEvent> events = parseLines(List.of(
                "[  242.123456] INFO: task kworker/0:1:123 blocked for more than 120 seconds.",
                "Dec  1 20:28:51 host7 kernel: INFO: task qemu-system-x86:4567 blocked for more than 241 seconds."));

        assertThat(events).extracting(e -> (ConsoleEvent.HungTask) e)
                .extracting(ConsoleEvent.HungTask::task, ConsoleEvent.HungTask::pid, ConsoleEvent.HungTask::seconds)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("kworker/0:1", 123, 120L),
                        org.assertj.core.groups.Tuple.tuple("qemu-system-x86", 4567, 241L));
    }

    /** The prefixes that let a line through to the panic, hung-task and notice rules: one character off is nothing. */
    @Test
    void linesAlmostLikeAPanicAHungTaskOrANoticeAreNothing() throws IOException {
        List<ConsoleEvent> events = parseLines(List.of(
                "[    6.588686] Kernel panic - not syncing:",
                "[    6.588686] Kernel panic - not syncing:   ",
                "[    6.588686]  Kernel panic - not syncing: Fatal local machine check",
                "[    6.588686] kernel panic - not syncing: Fatal local machine check",
                "[    6.588686] Kernel panic - not syncing: Fatal local machine check   ",
                "[   14.569491] CPUs not responding to MCE broadcast (may include false positives): 1",
                "[   14.569491] mce: CPUs not responding to MCE broadcas",
                "[   14.569491] mce: CPUs not responding to MCE broadcast (may include false positives): 1",
                "[    3.896487] Memory failure:",
                "[    3.896487] Memory failure: 0x2345",
                "[    3.896487] Memory failure: 0x2345: recovery action for free buddy page: Recovered",
                "[  242.123456] INFO: task   ",
                "[  242.123456] INFO: tasks kworker/0:1:123 blocked for more than 120 seconds.",
                "[  242.123456] INFO: task kworker/0:1:123 blocked for more than 120 seconds.",
                "<0>[    7.041323] Kernel panic - not syncing: Fatal machine check"));

        assertThat(events).extracting(e -> e.lines().get(0)).containsExactly(
                "[    6.588686] Kernel panic - not syncing: Fatal local machine check   ",
                "[   14.569491] mce: CPUs not responding to MCE broadcast (may include false positives): 1",
                "[    3.896487] Memory failure: 0x2345: recovery action for free buddy page: Recovered",
                "[  242.123456] INFO: task kworker/0:1:123 blocked for more than 120 seconds.",
                "<0>[    7.041323] Kernel panic - not syncing: Fatal machine check");
        assertThat(((ConsoleEvent.Panic) events.get(0)).reason()).isEqualTo("Fatal local machine check");
        assertThat(((ConsoleEvent.KernelNotice) events.get(1)).kind()).isEqualTo(NoticeKind.BROADCAST_TIMEOUT);
        assertThat(((ConsoleEvent.KernelNotice) events.get(2)).kind()).isEqualTo(NoticeKind.MEMORY_FAILURE);
        assertThat(((ConsoleEvent.HungTask) events.get(3)).pid()).isEqualTo(123);
        assertThat(((ConsoleEvent.Panic) events.get(4)).machineCheck()).isTrue();
    }

    @Test
    void garbledLinesAreReportedAndTheRestStillParsed() throws IOException {
        List<String> capture = Fixtures.lines("qemu-corrected-then-fatal.log");
        List<String> lines = new ArrayList<>();
        lines.add("[    5.7] mce: [Hardware Error]: CPU 0: Machine Check: 0 Ba");
        for (String line : capture) {
            lines.add(line.contains("TSC 0 ADDR 12345000") ? line.replace("ADDR 12345000", "ADDR 12z45000") : line);
        }

        List<ConsoleEvent> events = parseLines(lines);

        assertThat(events).filteredOn(ConsoleEvent.Unparsed.class::isInstance).hasSize(2);
        assertThat(records(events)).hasSize(2);
        assertThat(records(events).get(0).addr()).isEmpty();
        assertThat(records(events).get(0).time()).contains(Instant.ofEpochSecond(1796156931L));
    }

    @Test
    void aRecordCutOffByTheEndOfTheLogIsIncomplete() throws IOException {
        List<String> capture = Fixtures.lines("qemu-corrected-then-fatal.log");
        int header = capture.indexOf(capture.stream().filter(l -> l.contains("Bank 2:")).findFirst().orElseThrow());

        List<ConsoleEvent> events = parseLines(capture.subList(0, header + 2));

        ConsoleEvent last = events.get(events.size() - 1);
        assertThat(last).isInstanceOfSatisfying(ConsoleEvent.MachineCheckRecord.class, r -> {
            assertThat(r.complete()).isFalse();
            assertThat(r.record().status().raw()).isEqualTo(0xbe00000000800090L);
            assertThat(r.record().addr()).hasValue(0x7ff000L);
            assertThat(r.record().time()).isEmpty();
        });
    }

    @Test
    void aRecordThatNeverEndsIsClosedAtTheConfiguredLimit() {
        KernelLogParser parser = new KernelLogParser(4);
        parser.accept("mce: [Hardware Error]: CPU 0: Machine Check: 0 Bank 1: 9c0000000000009f");
        parser.accept("mce: [Hardware Error]: garbage one");
        parser.accept("mce: [Hardware Error]: garbage two");

        List<ConsoleEvent> closed = parser.accept("mce: [Hardware Error]: garbage three");

        assertThat(closed).singleElement().isInstanceOfSatisfying(ConsoleEvent.MachineCheckRecord.class,
                r -> assertThat(r.complete()).isFalse());
        assertThat(parser.finish()).isEmpty();
        assertThatThrownBy(() -> new KernelLogParser(1)).hasMessageContaining("maxRecordLines");
    }

    @Test
    void defaultLimitComesFromTheConfiguration() {
        ConsoleConfig config = Fixtures.console(Map.of("maxRecordLines", 3));
        KernelLogParser parser = new KernelLogParser(config.maxRecordLines());
        parser.accept("mce: [Hardware Error]: CPU 0: Machine Check: 0 Bank 1: 9c0000000000009f");
        parser.accept("mce: [Hardware Error]: RIP 10:<ffffffff99c4e8cb>");

        assertThat(parser.accept("mce: [Hardware Error]: something else")).hasSize(1);
    }
}
