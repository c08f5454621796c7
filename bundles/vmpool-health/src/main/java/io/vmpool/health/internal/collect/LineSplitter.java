package io.vmpool.health.internal.collect;

import java.nio.charset.StandardCharsets;

/**
 * Cuts bytes into lines for a {@link StreamListener}: split on {@code \n} as bytes, decoded as UTF-8 (bad
 * bytes replaced), trailing {@code \r} removed; a line longer than {@code maxLineBytes} (a console without
 * newlines) is cut there, so nothing grows without end. A line not yet ended waits for more bytes.
 * Each line is found in the bytes handed over and decoded once; only the start of a line not yet ended is
 * copied aside. Not thread-safe.
 */
final class LineSplitter {
    private final int maxLineBytes;
    private final StreamListener listener;
    /** The start of a line whose end has not come yet; always shorter than {@code maxLineBytes} (cut then). */
    private final byte[] partial;
    private int partialLength;

    LineSplitter(int maxLineBytes, StreamListener listener) {
        this.maxLineBytes = maxLineBytes;
        this.listener = listener;
        this.partial = new byte[maxLineBytes];
    }

    void accept(byte[] bytes, int offset, int length) {
        int from = offset;
        int to = offset + length;
        while (from < to) {
            int room = maxLineBytes - partialLength;
            int limit = Math.min(to, from + room);
            int newline = from;
            while (newline < limit && bytes[newline] != '\n') {
                newline++;
            }
            if (newline < limit) {
                emit(bytes, from, newline);
                from = newline + 1;
            } else if (limit - from == room) {
                emit(bytes, from, limit); // maxLineBytes without a newline: cut
                from = limit;
            } else {
                System.arraycopy(bytes, from, partial, partialLength, to - from);
                partialLength += to - from;
                from = to;
            }
        }
    }

    /** The line the writer had not ended counts as ended; the listener starts a new stream. */
    void endStream(String why) {
        if (partialLength > 0) {
            emit(partial, 0, 0);
        }
        listener.streamEnded(why);
    }

    /** {@link #partial} followed by {@code bytes[from, to)} as one line, without the carriage returns at its end. */
    private void emit(byte[] bytes, int from, int to) {
        String line;
        if (partialLength == 0) {
            line = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        } else {
            System.arraycopy(bytes, from, partial, partialLength, to - from);
            line = new String(partial, 0, partialLength + to - from, StandardCharsets.UTF_8);
            partialLength = 0;
        }
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        listener.line(line.substring(0, end));
    }
}
