package io.vmpool.health.internal.mce;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the kernel's machine-check lines (arch/x86/kernel/cpu/mce/core.c, __print_mce) from a
 * console or kernel log, one line at a time, plus panics, hung tasks and the machine-check
 * notices around them. A record is "CPU n: Machine Check[ Exception]: MCG Bank b: STATUS", then
 * optionally "RIP ...", then "TSC t [ADDR a] [MISC m] ...", then "PROCESSOR v:id TIME t SOCKET s
 * APIC a microcode u", which ends it. Not thread-safe: one parser per stream.
 */
public final class KernelLogParser {
    private static final Pattern HEADER = Pattern.compile(
            "CPU (\\d+): Machine Check( Exception)?: ([0-9a-fA-F]+) Bank (\\d+): ([0-9a-fA-F]+)");
    private static final Pattern HUNG_TASK = Pattern.compile(
            "INFO: task (.+):(\\d+) blocked for more than (\\d+) seconds\\.?");
    private static final Pattern MEMORY_FAILURE = Pattern.compile("Memory failure: 0x([0-9a-fA-F]+): .*");
    private static final Pattern MACHINE_CHECK_PANIC = Pattern.compile(
            "(?i).*(machine check|broadcast exception handler|\\bMCE\\b).*");
    private static final String PANIC = "Kernel panic - not syncing: ";
    private static final String HUNG_TASK_PREFIX = "INFO: task ";
    private static final String MEMORY_FAILURE_PREFIX = "Memory failure: ";
    private static final String BROADCAST_TIMEOUT = "CPUs not responding to MCE broadcast";

    private final int maxRecordLines;
    private final KernelLine line = new KernelLine();
    private RecordBuilder pending;

    /** A parser that closes a record as incomplete once it has spanned {@code maxRecordLines} lines. */
    public KernelLogParser(int maxRecordLines) {
        if (maxRecordLines < 2) {
            throw new IllegalArgumentException("maxRecordLines must be at least 2, was " + maxRecordLines
                    + " (io.vmpool.health.console maxRecordLines)");
        }
        this.maxRecordLines = maxRecordLines;
    }

    /** Feeds one line; returns the events it completed (often none). */
    public List<ConsoleEvent> accept(String rawLine) {
        KernelLine line = this.line.set(rawLine);
        if (line.hardwareError()) {
            return hardwareError(line.body(), rawLine);
        }
        if (!line.startsWith(PANIC) && !line.startsWith(HUNG_TASK_PREFIX) && !line.startsWith(MEMORY_FAILURE_PREFIX)
                && !(line.mce() && line.startsWith(BROADCAST_TIMEOUT))) {
            return List.of(); // most lines: nothing below could match, so no body, no regex
        }
        String body = line.body();
        if (body.startsWith(PANIC)) {
            String reason = body.substring(PANIC.length());
            return withPending(new ConsoleEvent.Panic(reason, MACHINE_CHECK_PANIC.matcher(reason).matches(),
                    List.of(rawLine)));
        }
        if (body.startsWith(HUNG_TASK_PREFIX)) {
            Matcher m = HUNG_TASK.matcher(body);
            if (!m.matches()) {
                return List.of();
            }
            try {
                return List.of(new ConsoleEvent.HungTask(m.group(1), Integer.parseInt(m.group(2)),
                        Long.parseLong(m.group(3)), List.of(rawLine)));
            } catch (NumberFormatException e) {
                return List.of(new ConsoleEvent.Unparsed("hung-task line with a pid or time out of range",
                        List.of(rawLine)));
            }
        }
        if (line.mce() && body.startsWith(BROADCAST_TIMEOUT)) {
            return withPending(new ConsoleEvent.KernelNotice(NoticeKind.BROADCAST_TIMEOUT, body, List.of(rawLine)));
        }
        if (body.startsWith(MEMORY_FAILURE_PREFIX) && MEMORY_FAILURE.matcher(body).matches()) {
            return List.of(new ConsoleEvent.KernelNotice(NoticeKind.MEMORY_FAILURE, body, List.of(rawLine)));
        }
        return List.of();
    }

    /** Ends the stream: a record still open is returned as incomplete. */
    public List<ConsoleEvent> finish() {
        return withPending(null);
    }

    /** Parses a whole log. */
    public static List<ConsoleEvent> parse(BufferedReader reader, int maxRecordLines) throws IOException {
        KernelLogParser parser = new KernelLogParser(maxRecordLines);
        List<ConsoleEvent> events = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            events.addAll(parser.accept(line));
        }
        events.addAll(parser.finish());
        return events;
    }

    private List<ConsoleEvent> hardwareError(String body, String rawLine) {
        if (body.startsWith("CPU ")) {
            Matcher m = HEADER.matcher(body);
            if (!m.matches()) {
                return withPending(new ConsoleEvent.Unparsed("not a machine-check header: expected "
                        + "'CPU <n>: Machine Check[ Exception]: <mcg> Bank <n>: <status>'", List.of(rawLine)));
            }
            List<ConsoleEvent> done = withPending(null);
            try {
                pending = new RecordBuilder(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(4)),
                        Hex.parse(m.group(5)), SourceFormat.KERNEL_LOG);
                pending.mcgStatus = OptionalLong.of(Hex.parse(m.group(3)));
                pending.lines.add(rawLine);
            } catch (NumberFormatException e) {
                pending = null;
                return concat(done, new ConsoleEvent.Unparsed(e.getMessage(), List.of(rawLine)));
            }
            return done;
        }
        if (body.startsWith("Machine check events logged")) {
            return List.of(new ConsoleEvent.KernelNotice(NoticeKind.EVENTS_LOGGED, body, List.of(rawLine)));
        }
        if (body.startsWith("Machine check: ")) {
            return withPending(new ConsoleEvent.KernelNotice(NoticeKind.VERDICT,
                    body.substring("Machine check: ".length()), List.of(rawLine)));
        }
        if (pending == null) {
            return List.of();
        }
        try {
            return continuation(body, rawLine);
        } catch (RuntimeException e) {
            return List.of(new ConsoleEvent.Unparsed("bad machine-check line (" + e.getMessage() + ")",
                    List.of(rawLine)));
        }
    }

    private List<ConsoleEvent> continuation(String body, String rawLine) {
        if (body.startsWith("TSC ")) {
            KeyValues values = KeyValues.of(body);
            pending.tsc = values.hex("TSC");
            pending.addr = values.hex("ADDR");
            pending.misc = values.hex("MISC");
            pending.lines.add(rawLine);
        } else if (body.startsWith("PROCESSOR ")) {
            KeyValues values = KeyValues.of(body);
            pending.processor = Optional.ofNullable(values.get("PROCESSOR"));
            String time = values.get("TIME");
            pending.time = time == null ? Optional.empty() : Optional.of(Instant.ofEpochSecond(Long.parseLong(time)));
            pending.socket = decimal(values.get("SOCKET"));
            pending.apic = values.get("APIC") == null ? OptionalInt.empty()
                    : OptionalInt.of((int) Hex.parse(values.get("APIC")));
            pending.lines.add(rawLine);
            MachineCheck record = pending.build();
            pending = null;
            return List.of(new ConsoleEvent.MachineCheckRecord(record, true));
        } else {
            pending.lines.add(rawLine);
        }
        return pending.lines.size() >= maxRecordLines ? withPending(null) : List.of();
    }

    private static OptionalInt decimal(String value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value));
    }

    /** The open record (as incomplete), if any, followed by the event. */
    private List<ConsoleEvent> withPending(ConsoleEvent event) {
        if (pending == null) {
            return event == null ? List.of() : List.of(event);
        }
        ConsoleEvent open = new ConsoleEvent.MachineCheckRecord(pending.build(), false);
        pending = null;
        return event == null ? List.of(open) : List.of(open, event);
    }

    private static List<ConsoleEvent> concat(List<ConsoleEvent> first, ConsoleEvent then) {
        List<ConsoleEvent> all = new ArrayList<>(first);
        all.add(then);
        return List.copyOf(all);
    }
}
