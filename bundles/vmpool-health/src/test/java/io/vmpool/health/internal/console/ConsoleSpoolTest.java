package io.vmpool.health.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.health.internal.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool's buffered writes: what is on disk after a flush, what tail sees before one, where it rotates. */
class ConsoleSpoolTest {
    private static final long KEEP = 16 * 1024;

    @TempDir
    Path dir;

    private long onDisk() throws IOException {
        long bytes = 0;
        for (String name : List.of("h1.log", "h1.log.1")) {
            Path file = dir.resolve(name);
            bytes += Files.exists(file) ? Files.size(file) : 0;
        }
        return bytes;
    }

    @Test
    void afterEveryFlushTheFilesHoldWhatWasCountedAndTheNewestLines() throws IOException {
        List<String> capture = Fixtures.lines("qemu-corrected-then-fatal.log");
        try (ConsoleSpool spool = new ConsoleSpool(dir, "h1", KEEP)) {
            for (String line : capture) {
                spool.append(line);
                if (line.contains("Hardware Error")) {
                    spool.flush();
                    assertThat(onDisk()).isEqualTo(spool.bytes()).isLessThanOrEqualTo(KEEP);
                }
            }
            spool.flush();
            assertThat(onDisk()).isEqualTo(spool.bytes()).isGreaterThanOrEqualTo(KEEP / 2);
            assertThat(Files.readAllLines(dir.resolve("h1.log"))).isEqualTo(
                    capture.subList(capture.size() - Files.readAllLines(dir.resolve("h1.log")).size(), capture.size()));
        }
    }

    @Test
    void tailSeesLinesNotFlushedYet() throws IOException {
        try (ConsoleSpool spool = new ConsoleSpool(dir, "h1", KEEP)) {
            spool.append("[    6.588686] Kernel panic - not syncing: Fatal local machine check");
            assertThat(Files.size(dir.resolve("h1.log"))).isZero();
            assertThat(spool.tail(5)).containsExactly("[    6.588686] Kernel panic - not syncing: Fatal local machine check");
        }
    }

    /** The halves are counted in UTF-8 bytes: a line of 2-byte characters rotates at half the characters. */
    @Test
    void rotationCountsBytesNotCharacters() throws IOException {
        String line = "\u00e9".repeat(1000); // 2,000 bytes + newline: two do not fit in a half of 4,000
        try (ConsoleSpool spool = new ConsoleSpool(dir, "h1", 8_000)) {
            spool.append(line);
            spool.append(line);
            spool.append(line);
            spool.flush();
            assertThat(Files.size(dir.resolve("h1.log.1"))).isEqualTo(2_001);
            assertThat(Files.size(dir.resolve("h1.log"))).isEqualTo(2_001);
            assertThat(spool.bytes()).isEqualTo(4_002);
        }
    }
}
