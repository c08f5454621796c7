package io.vmpool.benchmarks;

import io.vmpool.api.lock.Lease;
import io.vmpool.lock.zookeeper.internal.ZooKeeperLockManager;
import io.vmpool.lock.zookeeper.internal.ZooKeeperLockManagers;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Uncontended exclusive acquire+release of a rotating name against a local ZooKeeper server:
 * ZooKeeperLockManager vs raw Curator InterProcessMutex, each benchmark in its own fork with its own, identical server.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(1)
public class LockZooKeeperBenchmark {
    private static final int SESSION_MILLIS = 15_000; // the manager's default sessionTimeoutMillis
    private static final int CONNECTION_MILLIS = 10_000; // and connectionTimeoutMillis

    /** A ZooKeeperLockManager with its defaults (namespace /vmpool), connected to the trial's server. */
    @State(Scope.Benchmark)
    public static class Vmpool {
        ZooKeeperLockManager manager;

        @Setup(Level.Trial)
        public void start(ZooKeeperServer zk) {
            manager = ZooKeeperLockManagers.start(Map.of("connectString", zk.connectString(), "nodeName", "bench"));
        }

        @TearDown(Level.Trial)
        public void stop() {
            ZooKeeperLockManagers.stop(manager);
        }
    }

    /** A Curator client with the manager's session, connection and retry settings (namespace /raw). */
    @State(Scope.Benchmark)
    public static class Curator {
        CuratorFramework client;

        @Setup(Level.Trial)
        public void start(ZooKeeperServer zk) throws InterruptedException {
            client = CuratorFrameworkFactory.builder().connectString(zk.connectString()).namespace("raw")
                    .sessionTimeoutMs(SESSION_MILLIS).connectionTimeoutMs(CONNECTION_MILLIS)
                    .retryPolicy(new ExponentialBackoffRetry(500, 3, 5000)).build();
            client.start();
            if (!client.blockUntilConnected(CONNECTION_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("not connected to ZooKeeper at " + zk.connectString());
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            client.close();
        }
    }

    /** vmpool: acquire through the LockManager API, release by closing the lease. */
    @Benchmark
    public long zooKeeperLockManager(Vmpool s, RotatingNames names) throws InterruptedException {
        try (Lease lease = s.manager.acquire(LockRequests.exclusive(names.next(), names.owner))) {
            return lease.token();
        }
    }

    /** Baseline: InterProcessMutex on /raw/&lt;name&gt;, acquire (waiting up to 10 s) and release. */
    @Benchmark
    public InterProcessMutex baselineCuratorMutex(Curator s, RotatingNames names) throws Exception {
        InterProcessMutex mutex = new InterProcessMutex(s.client, "/" + names.next());
        if (!mutex.acquire(LockRequests.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("InterProcessMutex not acquired in " + LockRequests.WAIT);
        }
        mutex.release();
        return mutex;
    }
}
