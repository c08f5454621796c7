package io.vmpool.benchmarks;

import io.vmpool.lock.local.internal.LocalLockManager;
import io.vmpool.lock.local.internal.LocalLockManagers;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ten million exclusive locks held at once by one owner, in a 3 GiB heap: the time to take them (the
 * score) and the heap per held lock (the HELD-LOCKS line), LocalLockManager vs a ConcurrentHashMap of locked ReentrantLocks.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class LockManyHeldBenchmark {
    private static final String OWNER = "op-1:bench";

    /** A local lock manager with the shipped defaults, except the reaper interval (-p reaperIntervalMillis=0 turns it off). */
    @State(Scope.Benchmark)
    public static class Local {
        @Param("1000")
        public long reaperIntervalMillis;
        LocalLockManager manager;

        @Setup(Level.Trial)
        public void start() {
            manager = LocalLockManagers.start(Map.of("reaperIntervalMillis", reaperIntervalMillis));
        }

        @TearDown(Level.Trial)
        public void stop() {
            drop();
        }

        void drop() {
            if (manager != null) {
                LocalLockManagers.stop(manager);
                manager = null;
            }
        }
    }

    /** The baseline's lock table. */
    @State(Scope.Benchmark)
    public static class Baseline {
        ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    }

    /** vmpool: {@code count} acquires through the LockManager API, leases kept. */
    @Benchmark
    public void localLockManager(HeldLocks held, Local s) throws Exception {
        held.takeAll(i -> s.manager.acquire(LockRequests.exclusive(HeldLocks.resource(i), OWNER)), s::drop);
        held.expectHeld(s.manager.stats().held());
    }

    /** Baseline: computeIfAbsent + lock, never unlocked. */
    @Benchmark
    public void baselineReentrantLockMap(HeldLocks held, Baseline s) throws Exception {
        held.takeAll(i -> {
            ReentrantLock lock = s.locks.computeIfAbsent(HeldLocks.resource(i), k -> new ReentrantLock());
            lock.lock();
            return lock;
        }, () -> s.locks = null);
        held.expectHeld(s.locks.size());
    }
}
