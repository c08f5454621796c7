package io.vmpool.core.placement;

import io.vmpool.api.placement.HostAssessment;
import io.vmpool.api.placement.PlacementDecision;
import io.vmpool.api.placement.PlacementRequest;
import io.vmpool.core.internal.placement.HostLoad;
import io.vmpool.core.internal.placement.PlacementIndex;
import io.vmpool.core.internal.placement.Scheduler;
import io.vmpool.core.internal.placement.SchedulerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One placement decision of the core's scheduler (defaults: most-free, every filter, N+k off) over a pool of
 * {@code hosts} hosts with 20 machines each: through the index, by the linear scan (the baseline), and with
 * the full explanation of every host (over the index, and by scan as its baseline, and with every assessment
 * read). Also the index's build from a snapshot, which the create path pays per create, and the indexed decision
 * with N+1 on (not a target: its cost grows with the pool).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PlacementBenchmark {
    private static final int MACHINES_PER_HOST = 20;

    @Param({"100", "1000", "10000"})
    public int hosts;

    private List<HostLoad> pool;
    private Scheduler scheduler;
    private Scheduler nPlusOne;
    private PlacementIndex index;
    private long[] sizes;
    private int next;

    /**
     * Hosts of 128 to 512 GiB, 2 GiB reserved, 20 machines of 1 to 16 GiB each (seeded, the same every run);
     * one host in 50 in MAINTENANCE, one in 100 FAILED. Requests rotate over 64 sizes of 1 to 32 GiB.
     */
    @Setup(Level.Trial)
    public void pool() {
        Random random = new Random(6);
        pool = new ArrayList<>(hosts);
        for (int i = 0; i < hosts; i++) {
            long[] machines = new long[MACHINES_PER_HOST];
            for (int m = 0; m < machines.length; m++) {
                machines[m] = 1024L * (1 + random.nextInt(16));
            }
            String state = i % 50 == 7 ? "MAINTENANCE" : i % 100 == 13 ? "FAILED" : "HEALTHY";
            pool.add(HostLoad.of(String.format("host%05d", i), state, state.equals("HEALTHY") ? null
                    : state + " since 2026-12-01T00:00:00Z: benchmark", 1024L * 128 * (1 + random.nextInt(4)), 2048,
                    machines));
        }
        scheduler = SchedulerSettings.scheduler("most-free", "maintenance,health,memory,n-plus-k", 0, "io.vmpool.core");
        index = scheduler.index(pool);
        nPlusOne = SchedulerSettings.scheduler("most-free", "maintenance,health,memory,n-plus-k", 1, "io.vmpool.core");
        sizes = new long[64];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = 1024L * (1 + random.nextInt(32));
        }
    }

    private long size() {
        return sizes[next++ & 63];
    }

    /** The decision through the index: a binary search, then the per-request filters on the best candidates. */
    @Benchmark
    public HostLoad indexed() {
        return scheduler.choose(index, size());
    }

    /** Baseline: every host through every filter, keeping the best. */
    @Benchmark
    public HostLoad baselineLinearScan() {
        return scheduler.chooseByScan(pool, size());
    }

    /**
     * The decision with every host's failed filters and score, in order, and the summary, over the index: the
     * assessments' records and words are made when read (see {@link #fullExplanationRead}).
     */
    @Benchmark
    public PlacementDecision fullExplanation() {
        return scheduler.explain(index, new PlacementRequest(size(), 1, 20));
    }

    /** Baseline of the explanation: every filter of every host asked, then sorted (the same decision). */
    @Benchmark
    public PlacementDecision baselineExplanationByScan() {
        return scheduler.explainByScan(pool, new PlacementRequest(size(), 1, 20));
    }

    /** {@link #fullExplanation} and then every host's assessment read, with its failures' words (what REST writes). */
    @Benchmark
    public void fullExplanationRead(Blackhole bh) {
        PlacementDecision d = scheduler.explain(index, new PlacementRequest(size(), 1, 20));
        for (HostAssessment h : d.hosts()) {
            bh.consume(h);
        }
    }

    /** The decision through the index with N+1 on: each candidate tried costs one restart check per usable host. */
    @Benchmark
    public HostLoad indexedNPlusOne() {
        return nPlusOne.choose(index, size());
    }

    /** Building the index from a snapshot of the pool. */
    @Benchmark
    public PlacementIndex indexBuild() {
        return scheduler.index(pool);
    }
}
