package io.vmpool.health.internal.console;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last {@code keepBytes} of a host's console on disk, in two halves: {@code <host>.log} is appended
 * to; when it would pass half the limit it becomes {@code <host>.log.1} (the older half is dropped) and a
 * new one is started. So the spool holds between half and all of the limit, never more. Writes are buffered
 * ({@value #BUFFER_BYTES} bytes) until {@link #flush}, which the collectors call after every poll, or {@link #tail}.
 */
final class ConsoleSpool implements AutoCloseable {
    static final int BUFFER_BYTES = 8 * 1024; // one per host and per machine console: a write call per ~100 lines

    private final Path current;
    private final Path older;
    private final long halfBytes;
    private OutputStream out;
    private long currentBytes;

    ConsoleSpool(Path directory, String host, long keepBytes) throws IOException {
        Files.createDirectories(directory);
        this.current = directory.resolve(host + ".log");
        this.older = directory.resolve(host + ".log.1");
        this.halfBytes = keepBytes / 2;
        open();
    }

    synchronized void append(String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        long length = bytes.length + 1L;
        if (currentBytes > 0 && currentBytes + length > halfBytes) {
            out.close();
            Files.move(current, older, StandardCopyOption.REPLACE_EXISTING);
            open();
        }
        out.write(bytes);
        out.write('\n');
        currentBytes += length;
    }

    synchronized void flush() throws IOException {
        out.flush();
    }

    /** The last {@code lines} lines, oldest first. */
    synchronized List<String> tail(int lines) throws IOException {
        out.flush();
        Deque<String> last = new ArrayDeque<>();
        for (Path file : List.of(older, current)) {
            if (!Files.exists(file)) {
                continue;
            }
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (last.size() == lines) {
                        last.removeFirst();
                    }
                    last.addLast(line);
                }
            }
        }
        return new ArrayList<>(last);
    }

    /** Bytes on disk in both halves. */
    synchronized long bytes() throws IOException {
        return currentBytes + (Files.exists(older) ? Files.size(older) : 0);
    }

    private void open() throws IOException {
        out = new BufferedOutputStream(Files.newOutputStream(current, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), BUFFER_BYTES);
        currentBytes = Files.size(current);
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
