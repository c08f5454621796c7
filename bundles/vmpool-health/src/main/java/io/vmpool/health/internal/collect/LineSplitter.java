package io.vmpool.health.internal.collect;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Cuts bytes into lines for a {@link StreamListener}: split on {@code \n} as bytes, decoded as UTF-8 (bad
 * bytes replaced), trailing {@code \r} removed; a line longer than {@code maxLineBytes} (a console without
 * newlines) is cut there, so nothing grows without end. A line not yet ended waits for more bytes.
 * Not thread-safe.
 */
final class LineSplitter {
    private final int maxLineBytes;
    private final StreamListener listener;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    LineSplitter(int maxLineBytes, StreamListener listener) {
        this.maxLineBytes = maxLineBytes;
        this.listener = listener;
    }

    void accept(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                emit();
            } else {
                partial.write(b);
                if (partial.size() >= maxLineBytes) {
                    emit();
                }
            }
        }
    }

    /** The line the writer had not ended counts as ended; the listener starts a new stream. */
    void endStream(String why) {
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
}
