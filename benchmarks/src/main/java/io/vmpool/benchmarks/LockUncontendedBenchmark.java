package io.vmpool.benchmarks;

import io.vmpool.api.lock.Lease;
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

/** Uncontended exclusive acquire+release of a rotating name: LocalLockManager vs a ConcurrentHashMap of ReentrantLocks. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class LockUncontendedBenchmark {

    /** One local lock manager with the shipped defaults (no limits, reaper every second), shared by the threads. */
    @State(Scope.Benchmark)
    public static class Local {
        /** The manager's clockTickMicros; -1 (the default here) leaves it at the shipped value, 0 turns the ticking clock off. */
        @Param({"-1"})
        public long clockTickMicros;

        /** The manager's clockBurstTicks; -1 (the default here) leaves it at the shipped value. */
        @Param({"-1"})
        public int clockBurstTicks;

        LocalLockManager manager;

        @Setup(Level.Trial)
        public void start() {
            Map<String, Object> config = new java.util.HashMap<>();
            if (clockTickMicros >= 0) {
                config.put("clockTickMicros", clockTickMicros);
            }
            if (clockBurstTicks >= 0) {
                config.put("clockBurstTicks", clockBurstTicks);
            }
            manager = LocalLockManagers.start(config);
        }

        @TearDown(Level.Trial)
        public void stop() {
            LocalLockManagers.stop(manager);
        }
    }

    /** The baseline's lock table: one ReentrantLock per name, made on first use and kept. */
    @State(Scope.Benchmark)
    public static class Baseline {
        final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    }

    /** vmpool: acquire through the LockManager API, release by closing the lease. */
    @Benchmark
    public long localLockManager(Local s, RotatingNames names) throws InterruptedException {
        try (Lease lease = s.manager.acquire(LockRequests.exclusive(names.next(), names.owner))) {
            return lease.token();
        }
    }

    /** Baseline: computeIfAbsent + lock + unlock. */
    @Benchmark
    public int baselineReentrantLockMap(Baseline s, RotatingNames names) {
        ReentrantLock lock = s.locks.computeIfAbsent(names.next(), k -> new ReentrantLock());
        lock.lock();
        try {
            return lock.getHoldCount();
        } finally {
            lock.unlock();
        }
    }
}
