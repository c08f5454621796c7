package io.vmpool.health.internal.collect;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Clock;

/**
 * Follows a console stream on a raw TCP port (a terminal server's or ser2net's): each {@link #poll} hands
 * over the complete lines received since the last one, without ever blocking (the connection is made and
 * read non-blocking). A closed or broken connection ends the stream ({@link StreamListener#streamEnded}:
 * a record open at the drop is reported cut off) and a new connection is tried after a delay: the first
 * after {@code reconnectMillis}, each further failure (refused, no answer within
 * {@code connectTimeoutMillis}, a connection closed before it sent a byte) twice as long, up to
 * {@code reconnectMaxMillis}; a connection that received bytes sets it back to {@code reconnectMillis}.
 * TCP keepalive is on, so a console server that vanished without closing is noticed by the OS.
 * Times are the given clock's. Not thread-safe.
 */
public final class TcpFollower implements LineFollower {
    private final HostPort address;
    private final long connectTimeoutMillis;
    private final long reconnectMillis;
    private final long reconnectMaxMillis;
    private final Clock clock;
    private final ByteBuffer buffer;
    private final LineSplitter lines;
    private SocketChannel channel;
    private boolean connected;
    private boolean received;
    private long connectStartedAt;
    private long nextAttemptAt;
    private long waiting;
    private long delay;
    private int failures;

    public TcpFollower(HostPort address, long connectTimeoutMillis, long reconnectMillis,
            long reconnectMaxMillis, int maxLineBytes, Clock clock, StreamListener listener) {
        this.address = address;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.reconnectMillis = reconnectMillis;
        this.reconnectMaxMillis = reconnectMaxMillis;
        this.clock = clock;
        this.buffer = ByteBuffer.allocate(maxLineBytes);
        this.lines = new LineSplitter(maxLineBytes, listener);
        this.delay = reconnectMillis;
    }

    /**
     * Connects when it is time to, reads what arrived; throws what the connection threw (refused, reset),
     * after closing it and setting the next attempt, so the caller only logs it.
     */
    @Override
    public void poll() throws IOException {
        long now = clock.millis();
        if (channel == null) {
            // a clock set back by more than the wait does not hold the next attempt off
            if (now < nextAttemptAt && nextAttemptAt - now <= waiting) {
                return;
            }
            connect(now);
        }
        try {
            if (!connected) {
                if (!channel.finishConnect()) {
                    if (now - connectStartedAt >= connectTimeoutMillis) {
                        throw new IOException("no connection within connectTimeoutMillis=" + connectTimeoutMillis);
                    }
                    return;
                }
                connected = true;
            }
            drain(now);
        } catch (IOException e) {
            String next = retry(now, "connection to " + where() + " lost: " + e.getMessage());
            throw new IOException("console stream " + where() + ": " + e.getMessage() + "; " + next, e);
        }
    }

    private void connect(long now) throws IOException {
        InetSocketAddress resolved = new InetSocketAddress(address.host(), address.port());
        if (resolved.isUnresolved()) {
            String next = retry(now, "");
            throw new IOException("console stream " + where() + ": cannot resolve " + address.host() + "; " + next);
        }
        channel = SocketChannel.open();
        connected = false;
        received = false;
        connectStartedAt = now;
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            connected = channel.connect(resolved);
        } catch (IOException e) {
            String next = retry(now, "");
            throw new IOException("console stream " + where() + ": " + e.getMessage() + "; " + next, e);
        }
    }

    private void drain(long now) throws IOException {
        while (true) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n == 0) {
                return;
            }
            if (n < 0) {
                retry(now, "connection to " + where() + " closed by the console server");
                return;
            }
            if (!received) {
                received = true;
                delay = reconnectMillis;
                failures = 0;
            }
            lines.accept(buffer.array(), 0, n);
        }
    }

    /**
     * Closes the connection, sets the next attempt and, when the connection was up, ends the stream
     * ({@code why}); says when the next attempt is.
     */
    private String retry(long now, String why) {
        boolean hadStream = connected;
        closeChannel();
        if (!received) {
            failures++;
        }
        received = false;
        waiting = delay;
        nextAttemptAt = now + delay;
        delay = Math.min(reconnectMaxMillis, delay * 2);
        String next = "next attempt in " + waiting + " ms";
        if (hadStream) {
            lines.endStream(why + "; " + next);
        }
        return next;
    }

    /** Whether a connection is open now (tests, state). */
    public boolean connected() {
        return connected;
    }

    /** Connections in a row that failed or closed before they sent a byte. */
    public int failures() {
        return failures;
    }

    /** The wait before the attempt after the last failure or drop, in ms (0 before any). */
    public long waitingMillis() {
        return waiting;
    }

    @Override
    public String where() {
        return address.toString();
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a socket that failed: nothing left to do with it
            }
            channel = null;
        }
        connected = false;
    }

    @Override
    public void close() {
        closeChannel();
    }
}
