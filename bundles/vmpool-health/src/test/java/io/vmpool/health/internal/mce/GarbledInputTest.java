package io.vmpool.health.internal.mce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.vmpool.health.internal.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every prefix of every line of the real captures, and lines with digits blown up, fed to every
 * parser: whatever comes out, nothing may throw (a collector must never die of a garbled log).
 */
class GarbledInputTest {
    private static final int MAX_LINES = Fixtures.console(Map.of()).maxRecordLines();

    private static List<String> garbled(String fixture) {
        List<String> lines = new ArrayList<>();
        Random random = new Random(fixture.hashCode());
        for (String line : Fixtures.lines(fixture)) {
            if (line.contains("Hardware Error") || line.contains("panic") || line.contains("INFO: task")
                    || line.contains("STATUS") || line.contains("CPU") || line.contains("error:")) {
                for (int end = 0; end <= line.length(); end++) {
                    lines.add(line.substring(0, end));
                }
                lines.add(line.replaceAll("([0-9a-f]+)", "$1$1$1$1$1$1"));
                lines.add(line.replaceAll("[0-9]", "9999999999999999999"));
                lines.add(line.replaceAll("0x([0-9a-f]+)", "0x$1$1$1"));
                char[] chars = line.toCharArray();
                if (chars.length > 0) {
                    chars[random.nextInt(chars.length)] = (char) ('!' + random.nextInt(90));
                }
                lines.add(new String(chars));
            }
            lines.add(line);
        }
        return lines;
    }

    @ParameterizedTest
    @ValueSource(strings = {"qemu-corrected-then-fatal.log", "qemu-broadcast-fatal.log",
        "qemu-intel-srao-print-all.log", "qemu-intel-no-broadcast-timeout.log", "mcelog-p4-corrected-then-fatal.txt",
        "mcelog-k8-corrected-then-fatal.txt", "mcelog-intel-srao-then-fatal.txt", "ras-mc-ctl-errors.txt"})
    void noParserThrows(String fixture) {
        List<String> lines = garbled(fixture);
        KernelLogParser kernel = new KernelLogParser(MAX_LINES);
        McelogParser mcelog = new McelogParser(MAX_LINES);

        assertThatCode(() -> {
            for (String line : lines) {
                kernel.accept(line);
                mcelog.accept(line);
                RasMcCtlParser.parseLine(line);
            }
            kernel.finish();
            mcelog.finish();
        }).doesNotThrowAnyException();
    }

    @Test
    void numbersOutOfRangeAreReportedNotThrown() {
        KernelLogParser parser = new KernelLogParser(MAX_LINES);

        assertThat(parser.accept("INFO: task x:99999999999999999999 blocked for more than 120 seconds."))
                .singleElement().isInstanceOf(ConsoleEvent.Unparsed.class);
        assertThat(RasMcCtlParser.parseLine("1 2026-12-01 20:28:51 +0000 error: x, status=0x9c0000000000009f00"))
                .isInstanceOf(ConsoleEvent.Unparsed.class);
    }
}
