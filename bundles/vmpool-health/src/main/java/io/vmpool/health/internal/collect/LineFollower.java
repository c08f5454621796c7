package io.vmpool.health.internal.collect;

import java.io.IOException;

/** A source of console lines polled by its collector: a file ({@link FileFollower}) or a TCP stream ({@link TcpFollower}). */
public interface LineFollower extends AutoCloseable {
    /** Hands what is new to the listener; throws what the source threw (the caller logs it and polls again). */
    void poll() throws IOException;

    /** What is followed, for messages: the path, or host:port. */
    String where();

    @Override
    void close() throws IOException;
}
