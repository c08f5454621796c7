package io.vmpool.health.internal.collect;

/** Where a follower's lines go: each complete line, and the end of a stream (a file rotated, a connection closed). */
public interface StreamListener {
    void line(String line);

    /** No line after this belongs with the ones before (a parser reports what it had open). */
    void streamEnded(String why);
}
