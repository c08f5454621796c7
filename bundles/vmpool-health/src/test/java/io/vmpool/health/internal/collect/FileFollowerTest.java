package io.vmpool.health.internal.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.health.internal.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where the follower (its LineSplitter) cuts lines: at newlines, across writes and polls, and at maxLineBytes. */
class FileFollowerTest {
    @TempDir
    Path dir;
    private final List<String> lines = new ArrayList<>();
    private final List<String> ends = new ArrayList<>();

    private FileFollower follower(int maxLineBytes) {
        return new FileFollower(dir.resolve("ttyS0.log"), maxLineBytes, true, new StreamListener() {
            @Override
            public void line(String line) {
                lines.add(line);
            }

            @Override
            public void streamEnded(String why) {
                ends.add(why);
            }
        });
    }

    private void append(byte[] bytes) throws IOException {
        Files.write(dir.resolve("ttyS0.log"), bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void append(String text) throws IOException {
        append(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A real capture written in pieces of every size, polled after each piece, comes out line for line. */
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 80, 777, 65536})
    void aRealCaptureInPiecesComesOutAsItsLines(int piece) throws IOException {
        byte[] capture = Files.readAllBytes(Fixtures.path("qemu-corrected-then-fatal.log"));
        try (FileFollower follower = follower(65536)) {
            for (int at = 0; at < capture.length; at += piece) {
                append(Arrays.copyOfRange(capture, at, Math.min(capture.length, at + piece)));
                follower.poll();
            }
        }
        assertThat(lines).isEqualTo(Fixtures.lines("qemu-corrected-then-fatal.log"));
        assertThat(ends).isEmpty();
    }

    @Test
    void emptyLinesAndCarriageReturnsAtTheEnd() throws IOException {
        append("a\r\n\n\r\nb\r\r\nc\rd\n");
        try (FileFollower follower = follower(100)) {
            follower.poll();
        }
        assertThat(lines).containsExactly("a", "", "", "b", "c\rd");
    }

    /** Cut at exactly maxLineBytes; a newline right after the cut ends an empty line, as it always did. */
    @Test
    void aNewlineRightAfterTheCutEndsAnEmptyLine() throws IOException {
        append("x".repeat(10) + "\n" + "y".repeat(9) + "\n" + "z".repeat(25) + "\n");
        try (FileFollower follower = follower(10)) {
            follower.poll();
        }
        assertThat(lines).containsExactly("x".repeat(10), "", "y".repeat(9), "z".repeat(10), "z".repeat(10),
                "z".repeat(5));
    }

    /** The start of a line kept from one poll counts towards the cut of the next. */
    @Test
    void aLineContinuedInTheNextPollIsCutAtMaxLineBytesInAll() throws IOException {
        try (FileFollower follower = follower(10)) {
            append("abcdef");
            follower.poll();
            assertThat(lines).isEmpty();
            append("ghijklm\nn");
            follower.poll();
            assertThat(lines).containsExactly("abcdefghij", "klm");
            append("o\n");
            follower.poll();
        }
        assertThat(lines).containsExactly("abcdefghij", "klm", "no");
    }

    /** A character whose UTF-8 bytes arrive in two polls is decoded whole. */
    @Test
    void aCharacterSplitAcrossPollsIsDecodedWhole() throws IOException {
        byte[] euro = "CPU 0: 5 \u20ac\n".getBytes(StandardCharsets.UTF_8);
        try (FileFollower follower = follower(100)) {
            append(Arrays.copyOfRange(euro, 0, euro.length - 2));
            follower.poll();
            append(Arrays.copyOfRange(euro, euro.length - 2, euro.length));
            follower.poll();
        }
        assertThat(lines).containsExactly("CPU 0: 5 \u20ac");
    }

    /** A truncated file ends the stream; the line its writer had not ended is handed over first. */
    @Test
    void theUnendedLineIsHandedOverWhenTheStreamEnds() throws IOException {
        try (FileFollower follower = follower(100)) {
            append("first\nunended");
            follower.poll();
            Files.writeString(dir.resolve("ttyS0.log"), "new\n");
            follower.poll();
        }
        assertThat(lines).containsExactly("first", "unended", "new");
        assertThat(ends).hasSize(1).first().asString().contains("was truncated");
    }
}
