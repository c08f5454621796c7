package io.vmpool.benchmarks;

import io.vmpool.benchmarks.KarafHome.Distribution;
import java.util.concurrent.TimeUnit;
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

/** Time from {@code bin/karaf server} to ready, on a freshly unpacked copy: stock Karaf (SSH banner) vs vmpool (REST 200). */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
public class BootBenchmark {

    /** A fresh copy per iteration; unpacking and stopping are outside the measured time. */
    @State(Scope.Benchmark)
    public abstract static class FreshCopy {
        KarafHome karaf;

        abstract Distribution distribution();

        @Setup(Level.Iteration)
        public void unpack() throws Exception {
            karaf = KarafHome.unpack(distribution());
        }

        @TearDown(Level.Iteration)
        public void stop() throws Exception {
            karaf.stopAndDelete();
        }
    }

    public static class StockKaraf extends FreshCopy {
        @Override
        Distribution distribution() {
            return Distribution.STOCK_KARAF;
        }
    }

    public static class Vmpool extends FreshCopy {
        @Override
        Distribution distribution() {
            return Distribution.VMPOOL;
        }
    }

    /** Baseline: stock Karaf 4.4.10 until its SSH port answers with a banner. */
    @Benchmark
    public void baselineStockKaraf(StockKaraf copy) throws Exception {
        KarafHome k = copy.karaf;
        k.start();
        k.awaitReady("SSH banner on port " + k.sshPort, k::sshAnswers);
    }

    /** vmpool until {@code GET /hosts} answers 200 with the generated admin password. */
    @Benchmark
    public void vmpool(Vmpool copy) throws Exception {
        KarafHome k = copy.karaf;
        k.start();
        k.awaitVmpool();
    }
}
