package io.vmpool.health.internal.collect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
 * ({@link StreamListener#streamEnded}), so a parser does not join lines across files. Lines are cut as
 * {@link LineSplitter} says. Not thread-safe.
 */
public final class FileFollower implements LineFollower {

    private final Path path;
    private final ByteBuffer buffer;
    private final LineSplitter lines;
    private boolean skipExisting;
    private FileChannel channel;
    private Object fileKey;
    private long position;

    public FileFollower(Path path, int maxLineBytes, boolean fromStart, StreamListener listener) {
        this.path = path;
        this.lines = new LineSplitter(maxLineBytes, listener);
        this.buffer = ByteBuffer.allocate(maxLineBytes);
        this.skipExisting = !fromStart;
    }

    /** Reads what is new; throws only what the file system threw (the caller logs it and polls again). */
    @Override
    public void poll() throws IOException {
        BasicFileAttributes now = attributes();
        if (channel != null) {
            if (now == null || (fileKey != null && !Objects.equals(fileKey, now.fileKey()))) {
                drain();
                lines.endStream(now == null ? path + " disappeared" : path + " was replaced (rotated)");
                close();
            } else if (now.size() < position) {
                lines.endStream(path + " was truncated from " + position + " to " + now.size() + " bytes");
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

    @Override
    public String where() {
        return path.toString();
    }

    /** Where the next read starts in the current file (tests). */
    public long position() {
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
            lines.accept(buffer.array(), 0, n);
        }
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
