package io.vmpool.benchmarks;

import io.vmpool.benchmarks.KarafHome.Distribution;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.libvirt.Connect;
import org.libvirt.Domain;
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

/** One create until RUNNING: vmpool's {@code POST /vms} vs raw libvirt-java define + create on the same test-driver node. */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 20)
@Fork(1)
public class CreateBenchmark {
    private static final Pattern RUNNING = Pattern.compile("\"state\"\\s*:\\s*\"RUNNING\"");

    /** One vmpool distribution for the whole trial; the machine of each iteration is deleted after it. */
    @State(Scope.Benchmark)
    public static class Vmpool {
        KarafHome karaf;
        VmpoolRest rest;
        int created;
        String last;

        @Setup(Level.Trial)
        public void start() throws Exception {
            karaf = KarafHome.unpack(Distribution.VMPOOL);
            karaf.start();
            rest = karaf.awaitVmpool();
        }

        @TearDown(Level.Iteration)
        public void deleteMachine() throws Exception {
            if (last != null) {
                int status = rest.send("DELETE", "/vms/" + last, null).statusCode();
                if (status != 204) {
                    throw new IllegalStateException("DELETE /vms/" + last + " answered " + status);
                }
                last = null;
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            karaf.stopAndDelete();
        }
    }

    /** One libvirt connection to the distribution's host2 node description, opened once. */
    @State(Scope.Benchmark)
    public static class Libvirt {
        final Path dir = KarafHome.workDir("libvirt");
        Connect connect;
        int created;
        Domain last;

        @Setup(Level.Trial)
        public void connect() throws Exception {
            String top = "vmpool-" + KarafHome.setting("benchmarks.vmpool.version");
            connect = new Connect("test://" + KarafHome.extract(Distribution.VMPOOL, top, "etc/vmpool-host2.xml", dir));
        }

        @TearDown(Level.Iteration)
        public void undefine() throws Exception {
            if (last != null) {
                last.destroy();
                last.undefine();
                last.free();
                last = null;
            }
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            connect.close();
            KarafHome.delete(dir);
        }
    }

    /** vmpool: POST /vms (512 MiB, 1 vCPU, 1 GiB) until the 201 with state RUNNING. */
    @Benchmark
    public String vmpool(Vmpool s) throws Exception {
        String name = "bench-" + ++s.created;
        HttpResponse<String> r = s.rest.send("POST", "/vms",
                "{\"name\":\"" + name + "\",\"memoryMiB\":512,\"vcpus\":1,\"diskGiB\":1}");
        if (r.statusCode() != 201 || !RUNNING.matcher(r.body()).find()) {
            throw new IllegalStateException("POST /vms " + name + " answered " + r.statusCode() + ": " + r.body());
        }
        s.last = name;
        return r.body();
    }

    /** Baseline: domainDefineXML + create() of a minimal test-driver domain (512 MiB, 1 vCPU, no disk). */
    @Benchmark
    public Domain baselineLibvirt(Libvirt s) throws Exception {
        String name = "bench-" + ++s.created;
        Domain d = s.connect.domainDefineXML("<domain type='test'><name>" + name + "</name>"
                + "<memory unit='MiB'>512</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>");
        s.last = d;
        d.create();
        return d;
    }
}
