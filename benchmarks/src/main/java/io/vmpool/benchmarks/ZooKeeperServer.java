package io.vmpool.benchmarks;

import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** A standalone ZooKeeper server (Curator's TestingServer, default settings) on 127.0.0.1 and a free port, for the whole trial. */
@State(Scope.Benchmark)
public class ZooKeeperServer {
    private TestingServer server;

    @Setup(Level.Trial)
    public void start() throws Exception {
        InstanceSpec spec = new InstanceSpec(null, -1, -1, -1, true, -1, -1, -1,
                Map.of("clientPortAddress", "127.0.0.1"), "127.0.0.1");
        server = new TestingServer(spec, true);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        server.close();
    }

    String connectString() {
        return server.getConnectString();
    }
}
