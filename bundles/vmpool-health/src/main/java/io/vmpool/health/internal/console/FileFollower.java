package io.vmpool.health.internal.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Follows a growing file by name, as {@code tail -F}: each {@link #poll} hands over the complete lines
 * appended since the last one. A rename (rotation) or a deletion is seen by the file's identity (its
 * inode) changing: the old file is read to its end first. A file that got shorter was truncated: it is
 * read again from the start. A file that is missing is waited for. Each of these ends a stream
 * ({@link Listener#streamEnded}), so a parser does not join lines across files. Not thread-safe.
 */
final class FileFollower implements AutoCloseable {

    /** Where the lines go. */
    interface Listener {
        void line(String line);

        void streamEnded(String why);
    }

    private final Path path;
    private final int maxLineBytes;
    private final Listener listener;
    private final ByteBuffer buffer;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private boolean skipExisting;
    private FileChannel channel;
    private Object fileKey;
    private long position;

    FileFollower(Path path, int maxLineBytes, boolean fromStart, Listener listener) {
        this.path = path;
        this.maxLineBytes = maxLineBytes;
        this.listener = listener;
        this.buffer = ByteBuffer.allocate(maxLineBytes);
        this.skipExisting = !fromStart;
    }

    /** Reads what is new; throws only what the file system threw (the caller logs it and polls again). */
    void poll() throws IOException {
        BasicFileAttributes now = attributes();
        if (channel != null) {
            if (now == null || (fileKey != null && !Objects.equals(fileKey, now.fileKey()))) {
                drain();
                endStream(now == null ? path + " disappeared" : path + " was replaced (rotated)");
                close();
            } else if (now.size() < position) {
                endStream(path + " was truncated from " + position + " to " + now.size() + " bytes");
                position = 0;
            }
        }
        if (channel == null) {
            if (now == null) {
                skipExisting = false; // a file that appears later is read from its start
                return;
            }
            open(now);
        }
        drain();
    }

    /** Where the next read starts in the current file (tests). */
    long position() {
        return position;
    }

    private void open(BasicFileAttributes attrs) throws IOException {
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException gone) {
            return;
        }
        fileKey = attrs.fileKey();
        position = skipExisting ? channel.size() : 0;
        skipExisting = false;
    }

    private BasicFileAttributes attributes() throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    private void drain() throws IOException {
        if (channel == null) {
            return;
        }
        while (true) {
            buffer.clear();
            int n = channel.read(buffer, position);
            if (n <= 0) {
                return;
            }
            position += n;
            byte[] bytes = buffer.array();
            for (int i = 0; i < n; i++) {
                byte b = bytes[i];
                if (b == '\n') {
                    emit();
                } else {
                    partial.write(b);
                    if (partial.size() >= maxLineBytes) {
                        emit(); // a console without newlines: cut, so nothing grows without end
                    }
                }
            }
        }
    }

    /** The line the writer had not ended counts as ended; the listener starts a new stream. */
    private void endStream(String why) {
        if (partial.size() > 0) {
            emit();
        }
        listener.streamEnded(why);
    }

    private void emit() {
        String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        listener.line(line.substring(0, end));
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
            fileKey = null;
        }
    }
}
