package io.vmpool.health.internal.mce;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the "MCE events:" section of {@code ras-mc-ctl --errors} (rasdaemon 0.6.8's perl script):
 * one line per record, "ID TIMESTAMP error: MESSAGE, CPU VENDOR, bank NAME, mcg ..., mci ...,
 * mcgcap=0x..., status=0x..., addr=0x..., ...". The script leaves out every field that is zero or
 * empty, so a missing register is 0 (rasdaemon's table always has it), except addr and misc,
 * which count as present only when their valid bit is set or they are not 0, and the wall time,
 * which is absent. Its "CPU" label is the CPU <em>vendor</em> number; the CPU number is
 * {@code cpu=0x...}.
 */
public final class RasMcCtlParser {
    private static final String SECTION = "MCE events:";
    private static final Pattern RECORD = Pattern.compile("(\\d+) (.+?) error: (.*)");
    private static final Pattern FIELD = Pattern.compile("(?:^|, )([a-z]+)=0x([0-9a-fA-F]+)");

    private RasMcCtlParser() {
    }

    /** Parses the whole output; lines of other sections are skipped. */
    public static List<ConsoleEvent> parse(BufferedReader reader) throws IOException {
        List<ConsoleEvent> events = new ArrayList<>();
        boolean inSection = false;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.strip().equals(SECTION)) {
                inSection = true;
            } else if (line.isBlank()) {
                inSection = false;
            } else if (inSection) {
                events.add(parseLine(line));
            }
        }
        return events;
    }

    static ConsoleEvent parseLine(String line) {
        Matcher m = RECORD.matcher(line);
        if (!m.matches()) {
            return new ConsoleEvent.Unparsed("not a ras-mc-ctl MCE line: expected '<id> <time> error: ...'",
                    List.of(line));
        }
        Map<String, Long> fields = new HashMap<>();
        Matcher f = FIELD.matcher(m.group(3));
        try {
            while (f.find()) {
                fields.put(f.group(1), Hex.parse(f.group(2)));
            }
        } catch (NumberFormatException e) {
            return new ConsoleEvent.Unparsed("ras-mc-ctl MCE line with a bad number: " + e.getMessage(), List.of(line));
        }
        Long status = fields.get("status");
        if (status == null) {
            return new ConsoleEvent.Unparsed("ras-mc-ctl MCE line without status=0x...", List.of(line));
        }
        McaStatus mca = McaStatus.of(status);
        Long cpuid = fields.get("cpuid");
        Optional<String> processor = Optional.ofNullable(cpuid)
                .map(id -> vendor(m.group(3)) + ":" + Long.toHexString(id));
        MachineCheck check = new MachineCheck(intOf(fields.get("cpu")), intOf(fields.get("bank")),
                mca, zero(fields, "mcgstatus"), validOrNonZero(fields, "addr", mca.has(StatusFlag.ADDRV)),
                validOrNonZero(fields, "misc", mca.has(StatusFlag.MISCV)), zero(fields, "tsc"),
                Optional.ofNullable(fields.get("walltime")).map(Instant::ofEpochSecond),
                OptionalInt.of(intOf(fields.get("socketid"))), OptionalInt.of(intOf(fields.get("apicid"))), processor,
                SourceFormat.RAS_MC_CTL,
                List.of(line));
        return new ConsoleEvent.MachineCheckRecord(check, true);
    }

    /** The "CPU n" label (the vendor), or 0 when the script left it out. */
    private static String vendor(String text) {
        Matcher m = Pattern.compile(", CPU (\\d+)").matcher(text);
        return m.find() ? m.group(1) : "0";
    }

    private static int intOf(Long value) {
        return value == null ? 0 : value.intValue();
    }

    private static OptionalLong zero(Map<String, Long> fields, String key) {
        return OptionalLong.of(fields.getOrDefault(key, 0L));
    }

    private static OptionalLong validOrNonZero(Map<String, Long> fields, String key, boolean valid) {
        Long value = fields.get(key);
        return value != null || valid ? OptionalLong.of(value == null ? 0 : value) : OptionalLong.empty();
    }
}
