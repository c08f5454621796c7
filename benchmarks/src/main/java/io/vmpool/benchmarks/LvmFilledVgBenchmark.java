package io.vmpool.benchmarks;

import io.vmpool.api.storage.VolumeRequest;
import io.vmpool.storage.lvm.internal.LvmStoragePool;
import io.vmpool.storage.lvm.internal.LvmStoragePools;
import java.io.IOException;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Create of one 4 MiB volume in a VG that already holds {@code volumes} vmpool-like LVs (filled per trial
 * in one vgcfgrestore, see {@link LvmLoopVg#fill}): through {@link LvmStoragePool} against the bare
 * {@code lvm lvcreate} vmpool issues; {@code barePvsSelect} is the guard's facts read alone ({@code bareVgs} the {@code vgs} it was until 79e587d). The new LV is removed
 * after each invocation (bare lvremove, not measured), so every create sees the same count.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 20)
@Fork(1)
public class LvmFilledVgBenchmark {

    /** The filled VG, the lock service and the pool, for the whole trial. */
    @State(Scope.Benchmark)
    public static class FilledVg {
        @Param({"100", "500", "1500"})
        public int volumes;

        LvmLoopVg vg;
        LocalLockService locks;
        LvmStoragePool pool;
        String created;
        int n;

        @Setup(Level.Trial)
        public void start() throws IOException {
            vg = LvmLoopVg.create();
            try {
                long millis = vg.fill(volumes);
                System.out.println("FILL volumes=" + volumes + " vgcfgrestore_ms=" + millis + " vg_mda_size="
                        + vg.vgNumber("vg_mda_size") + " vg_mda_free=" + vg.vgNumber("vg_mda_free"));
                locks = new LocalLockService();
                pool = LvmStoragePools.start(locks, Map.of("volumeGroup", vg.vg, "lvmConfig", vg.lvmConfig));
            } catch (IOException | RuntimeException e) {
                stop();
                throw e;
            }
        }

        /** Removes the LV the invocation made (not measured). */
        @TearDown(Level.Invocation)
        public void removeCreated() {
            if (created != null) {
                vg.bare("lvremove", "--yes", vg.vg + "/" + created);
                created = null;
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            try {
                if (pool != null) {
                    LvmStoragePools.stop(pool);
                }
                if (locks != null) {
                    locks.close();
                }
            } finally {
                vg.close();
            }
        }

        String machine() {
            return "bench" + (++n);
        }
    }

    /** vmpool: {@code create(new VolumeRequest(machine, "disk0", 4 MiB))} (lease, facts read, guard, lvcreate). */
    @Benchmark
    public String vmpool(FilledVg s) {
        String id = s.pool.create(new VolumeRequest(s.machine(), "disk0", LvmVolumeCycleBenchmark.SIZE)).id();
        s.created = id.substring(id.indexOf('/') + 1);
        return id;
    }

    /** Bare: the lvcreate vmpool runs for the same request. */
    @Benchmark
    public String bareLvcreate(FilledVg s) {
        String m = s.machine();
        String lv = "vmpool_" + m + "_disk0";
        String out = s.vg.bare("lvcreate", "--yes", "-an", "-l", "1", "-n", lv, "--addtag", "vmpool", "--addtag",
                "vmpool_machine_" + m, s.vg.vg);
        s.created = lv;
        return out;
    }

    /** The guard's vgs until 79e587d, alone. */
    @Benchmark
    public String bareVgs(FilledVg s) {
        return s.vg.bare("vgs", "--reportformat", "json", "--units", "b", "--nosuffix", "-o",
                "vg_name,vg_size,vg_free,vg_extent_size,vg_free_count,vg_mda_size,vg_mda_free,vg_mda_count,lv_count",
                s.vg.vg);
    }

    /** The facts read vmpool makes before every create since 79e587d, alone: {@code pvs --select vg_name='<vg>'}. */
    @Benchmark
    public String barePvsSelect(FilledVg s) {
        return s.vg.bare("pvs", "--reportformat", "json", "--units", "b", "--nosuffix", "-o",
                "vg_name,vg_size,vg_free,vg_extent_size,vg_free_count,vg_mda_size,vg_mda_free,vg_mda_count,lv_count",
                "--select", "vg_name='" + s.vg.vg + "'");
    }
}
