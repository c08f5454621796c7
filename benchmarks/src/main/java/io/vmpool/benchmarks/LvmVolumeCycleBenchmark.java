package io.vmpool.benchmarks;

import io.vmpool.api.storage.Volume;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Create + delete of one 4 MiB volume in an empty VG of the benchmark's own: through
 * {@link LvmStoragePool} (lease from a real LocalLockManager, the VG facts read + lvcreate, lvs + lvremove) against the
 * bare {@code lvm lvcreate} + {@code lvm lvremove} vmpool itself issues, with the same arguments and
 * {@code --config}, started the same way. {@code barePvsSelect} (since 79e587d; {@code bareVgs} before) and {@code bareLvsSelect} are the two read
 * commands vmpool adds (the create's guard facts, the delete's tag check), timed alone.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 40)
@Fork(1)
public class LvmVolumeCycleBenchmark {
    static final long SIZE = LvmLoopVg.EXTENT_BYTES;

    /** The VG, the lock service and the pool, for the whole trial. */
    @State(Scope.Benchmark)
    public static class Vg {
        LvmLoopVg vg;
        LocalLockService locks;
        LvmStoragePool pool;
        LvmStoragePool processPool;
        int n;

        @Setup(Level.Trial)
        public void start() throws IOException {
            vg = LvmLoopVg.create();
            try {
                locks = new LocalLockService();
                pool = LvmStoragePools.start(locks, Map.of("volumeGroup", vg.vg, "lvmConfig", vg.lvmConfig));
                processPool = LvmStoragePools.start(locks, Map.of("volumeGroup", vg.vg, "lvmConfig", vg.lvmConfig,
                        "lvmShell", false));
            } catch (RuntimeException e) {
                stop();
                throw e;
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            try {
                if (pool != null) {
                    LvmStoragePools.stop(pool);
                }
                if (processPool != null) {
                    LvmStoragePools.stop(processPool);
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

    /**
     * vmpool with the shipped configuration ({@code lvmShell=true}: the four lvm commands in the pool's lvm shell):
     * {@code create(new VolumeRequest(machine, "disk0", 4 MiB))}, then {@code delete(id)}.
     */
    @Benchmark
    public String vmpool(Vg s) {
        Volume v = s.pool.create(new VolumeRequest(s.machine(), "disk0", SIZE));
        s.pool.delete(v.id());
        return v.id();
    }

    /** The same through a pool with {@code lvmShell=false}: one lvm process per command, as before the shell. */
    @Benchmark
    public String vmpoolProcess(Vg s) {
        Volume v = s.processPool.create(new VolumeRequest(s.machine(), "disk0", SIZE));
        s.processPool.delete(v.id());
        return v.id();
    }

    /** Bare: the lvcreate and lvremove vmpool runs for the same request. */
    @Benchmark
    public String bareLvm(Vg s) {
        String m = s.machine();
        String lv = "vmpool_" + m + "_disk0";
        s.vg.bare("lvcreate", "--yes", "-an", "-l", "1", "-n", lv, "--addtag", "vmpool", "--addtag",
                "vmpool_machine_" + m, s.vg.vg);
        return s.vg.bare("lvremove", "--yes", s.vg.vg + "/" + lv);
    }

    /** The guard's read before every create until 79e587d, alone: the {@code vgs} LvmVolumeGroup.info() ran. */
    @Benchmark
    public String bareVgs(Vg s) {
        return s.vg.bare("vgs", "--reportformat", "json", "--units", "b", "--nosuffix", "-o",
                "vg_name,vg_size,vg_free,vg_extent_size,vg_free_count,vg_mda_size,vg_mda_free,vg_mda_count,lv_count",
                s.vg.vg);
    }

    /** The delete's read before lvremove, alone: the {@code lvs --select} of LvmVolumeGroup.lv() (of a missing LV). */
    @Benchmark
    public String bareLvsSelect(Vg s) {
        return s.vg.bare("lvs", "--reportformat", "json", "--units", "b", "--nosuffix", "-o", "lv_name,lv_size,lv_tags",
                "--select", "lv_name=vmpool_" + s.machine() + "_disk0", s.vg.vg);
    }

    /** The facts read vmpool makes before every create since 79e587d, alone: {@code pvs --select vg_name='<vg>'}. */
    @Benchmark
    public String barePvsSelect(Vg s) {
        return s.vg.bare("pvs", "--reportformat", "json", "--units", "b", "--nosuffix", "-o",
                "vg_name,vg_size,vg_free,vg_extent_size,vg_free_count,vg_mda_size,vg_mda_free,vg_mda_count,lv_count",
                "--select", "vg_name='" + s.vg.vg + "'");
    }
}
