package io.vmpool.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * One benchmark thread's own resource names ({@code machine:t<thread>-<i>}, 1,024 of them, made
 * before the run) handed out in rotation, and the thread's owner id; no two threads share a name.
 */
@State(Scope.Thread)
public class RotatingNames {
    static final int COUNT = 1024;

    private final String[] names = new String[COUNT];
    private int next;
    String owner;

    @Setup(Level.Trial)
    public void make(ThreadParams thread) {
        int t = thread.getThreadIndex();
        for (int i = 0; i < COUNT; i++) {
            names[i] = "machine:t" + t + "-" + i;
        }
        owner = "op-" + t + ":bench";
    }

    /** The next name, round robin. */
    String next() {
        String name = names[next];
        next = (next + 1) & (COUNT - 1);
        return name;
    }
}
