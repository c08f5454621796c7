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
 * Reads mcelog's decoded text (its log file, or {@code mcelog --ascii} output; mcelog.c,
 * dump_mce). A record starts with "Hardware event. This is not a software error.", names the
 * CPU and bank ("CPU 0 BANK 1" or, decoded as a K8, "CPU 0 1 instruction cache"), then MISC/ADDR,
 * TIME, mcelog's own decoded words, and the mandatory "STATUS s MCGSTATUS m" line, after which
 * only MCGCAP/APICID/SOCKETID, PPIN, MICROCODE, CPUID, RIP and SOCKET lines belong to it.
 * mcelog's words are kept in the raw lines; the decoding here is vmpool's own, from STATUS.
 * Lines that are not part of a record (mcelog passes other kernel lines through) are skipped.
 */
public final class McelogParser {
    private static final String START = "Hardware event. This is not a software error.";
    private static final Pattern CPU_BANK = Pattern.compile("CPU (\\d+) (?:BANK (\\d+)|(\\d+) [^\\n]*?)(?: TSC ([0-9a-fA-F]+).*)?");
    private static final Pattern TIME = Pattern.compile("TIME (\\d+)( .*)?");
    private static final Pattern CPUID = Pattern.compile("CPUID Vendor (\\S+) Family (\\d+) Model (\\d+) Step (\\d+)");
    private static final List<String> AFTER_STATUS = List.of("MCGCAP ", "APICID ", "SOCKETID ", "PPIN ", "MICROCODE ",
            "CPUID ", "RIP", "SOCKET ");

    private final int maxRecordLines;
    private final List<String> lines = new ArrayList<>();
    private boolean statusSeen;

    /** A parser that gives up on a record (as unparsed) once it has spanned {@code maxRecordLines} lines. */
    public McelogParser(int maxRecordLines) {
        if (maxRecordLines < 2) {
            throw new IllegalArgumentException("maxRecordLines must be at least 2, was " + maxRecordLines
                    + " (io.vmpool.health.console maxRecordLines)");
        }
        this.maxRecordLines = maxRecordLines;
    }

    /** Parses a whole text. */
    public static List<ConsoleEvent> parse(BufferedReader reader, int maxRecordLines) throws IOException {
        McelogParser parser = new McelogParser(maxRecordLines);
        List<ConsoleEvent> events = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            events.addAll(parser.accept(line));
        }
        events.addAll(parser.finish());
        return events;
    }

    /** Feeds one line; returns the records it completed. */
    public List<ConsoleEvent> accept(String rawLine) {
        String line = rawLine.strip();
        if (line.equals(START)) {
            List<ConsoleEvent> done = finish();
            lines.add(rawLine);
            return done;
        }
        if (lines.isEmpty()) {
            return List.of();
        }
        if (statusSeen && AFTER_STATUS.stream().noneMatch(line::startsWith)) {
            return finish();
        }
        lines.add(rawLine);
        if (line.startsWith("STATUS ")) {
            statusSeen = true;
        }
        if (lines.size() >= maxRecordLines) {
            return finish();
        }
        return List.of();
    }

    /**
     * Ends the open record if it has its STATUS line, for a stream that has gone quiet: mcelog writes a
     * record at once and the next one, which would end it, may be hours away. A record without its STATUS
     * line stays open.
     */
    public List<ConsoleEvent> finishComplete() {
        return statusSeen ? finish() : List.of();
    }

    /** Ends the stream (or the current record). */
    public List<ConsoleEvent> finish() {
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> record = List.copyOf(lines);
        lines.clear();
        boolean complete = statusSeen;
        statusSeen = false;
        try {
            return List.of(build(record, complete));
        } catch (RuntimeException e) {
            return List.of(new ConsoleEvent.Unparsed("not a readable mcelog record: " + e.getMessage(), record));
        }
    }

    private static ConsoleEvent build(List<String> record, boolean complete) {
        Integer cpu = null;
        Integer bank = null;
        Long status = null;
        OptionalLong tsc = OptionalLong.empty();
        OptionalLong mcg = OptionalLong.empty();
        OptionalLong addr = OptionalLong.empty();
        OptionalLong misc = OptionalLong.empty();
        Optional<Instant> time = Optional.empty();
        OptionalInt socket = OptionalInt.empty();
        OptionalInt apic = OptionalInt.empty();
        Optional<String> processor = Optional.empty();
        for (String raw : record) {
            String line = raw.strip();
            Matcher m;
            if (cpu == null && (m = CPU_BANK.matcher(line)).matches()) {
                cpu = Integer.valueOf(m.group(1));
                bank = Integer.valueOf(m.group(2) != null ? m.group(2) : m.group(3));
                if (m.group(4) != null) {
                    tsc = OptionalLong.of(Hex.parse(m.group(4)));
                }
            } else if (line.startsWith("MISC ") || line.startsWith("ADDR ")) {
                KeyValues values = KeyValues.of(line);
                misc = values.hex("MISC");
                addr = values.hex("ADDR");
            } else if ((m = TIME.matcher(line)).matches()) {
                time = Optional.of(Instant.ofEpochSecond(Long.parseLong(m.group(1))));
            } else if (line.startsWith("STATUS ")) {
                KeyValues values = KeyValues.of(line);
                status = values.hex("STATUS").orElseThrow();
                mcg = values.hex("MCGSTATUS");
            } else if (line.startsWith("MCGCAP ") || line.startsWith("APICID ") || line.startsWith("SOCKETID ")) {
                KeyValues values = KeyValues.of(line);
                apic = hexInt(values.get("APICID"), apic);
                socket = hexInt(values.get("SOCKETID"), socket);
            } else if (line.startsWith("SOCKET ")) {
                KeyValues values = KeyValues.of(line);
                socket = values.get("SOCKET") == null ? socket : OptionalInt.of(Integer.parseInt(values.get("SOCKET")));
                apic = hexInt(values.get("APIC"), apic);
            } else if ((m = CPUID.matcher(line)).matches()) {
                processor = Optional.of(m.group(1) + " family " + m.group(2) + " model " + m.group(3) + " step "
                        + m.group(4));
            }
        }
        if (cpu == null || status == null) {
            throw new IllegalArgumentException(cpu == null ? "no 'CPU <n> BANK <n>' line" : "no 'STATUS' line");
        }
        MachineCheck check = new MachineCheck(cpu, bank, McaStatus.of(status), mcg, addr, misc, tsc, time, socket,
                apic, processor, SourceFormat.MCELOG, record);
        return new ConsoleEvent.MachineCheckRecord(check, complete);
    }

    private static OptionalInt hexInt(String value, OptionalInt otherwise) {
        return value == null ? otherwise : OptionalInt.of((int) Hex.parse(value));
    }
}
