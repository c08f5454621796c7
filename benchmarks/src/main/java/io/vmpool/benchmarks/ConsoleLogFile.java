package io.vmpool.benchmarks;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A console log made of the real QEMU captures of vmpool-health's tests (shaded in under /fixtures): their
 * boot chatter, cycled, with their machine-check parts (from the first "mce: " line to the last printk
 * line: records, notices, panics) put in, in turn, after every {@code chatterPerBlock} chatter lines.
 * Always {@link #LINES} lines; the last block may be cut off.
 */
final class ConsoleLogFile {
    static final int LINES = 300_000;
    static final List<String> FIXTURES = List.of("qemu-corrected-then-fatal.log", "qemu-rasdaemon.log",
            "qemu-intel-srao-then-fatal.log", "qemu-broadcast-fatal.log", "qemu-intel-srao-print-all.log",
            "qemu-intel-no-broadcast-timeout.log");

    private final List<String> chatter = new ArrayList<>();
    private final List<List<String>> blocks = new ArrayList<>();
    /** Lines of the file that came from a machine-check part. */
    int machineCheckLines;
    long bytes;

    ConsoleLogFile() {
        for (String fixture : FIXTURES) {
            List<String> lines = lines(fixture);
            int start = 0;
            while (!lines.get(start).contains("mce: ")) {
                start++;
            }
            int end = lines.size() - 1;
            while (!lines.get(end).startsWith("[")) {
                end--;
            }
            chatter.addAll(lines.subList(0, start));
            blocks.add(List.copyOf(lines.subList(start, end + 1)));
        }
    }

    void write(Path file, int chatterPerBlock) throws IOException {
        machineCheckLines = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            int written = 0;
            int nextChatter = 0;
            int nextBlock = 0;
            while (written < LINES) {
                for (int i = 0; i < chatterPerBlock && written < LINES; i++, written++) {
                    out.write(chatter.get(nextChatter));
                    out.write('\n');
                    nextChatter = (nextChatter + 1) % chatter.size();
                }
                for (String line : blocks.get(nextBlock)) {
                    if (written == LINES) {
                        break;
                    }
                    out.write(line);
                    out.write('\n');
                    written++;
                    machineCheckLines++;
                }
                nextBlock = (nextBlock + 1) % blocks.size();
            }
        }
        bytes = Files.size(file);
    }

    int chatterLines() {
        return chatter.size();
    }

    List<Integer> blockSizes() {
        return blocks.stream().map(List::size).toList();
    }

    private static List<String> lines(String fixture) {
        InputStream in = ConsoleLogFile.class.getResourceAsStream("/fixtures/" + fixture);
        if (in == null) {
            throw new IllegalStateException("fixture " + fixture + " is not in the benchmarks jar");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
