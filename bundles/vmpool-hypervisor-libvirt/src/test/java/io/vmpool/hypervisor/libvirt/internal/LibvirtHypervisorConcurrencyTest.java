package io.vmpool.hypervisor.libvirt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.api.hypervisor.DomainInfo;
import io.vmpool.api.hypervisor.DomainState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many threads on one connection: libvirt and libvirt-java hold up, and close() waits for calls in flight. */
class LibvirtHypervisorConcurrencyTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 40;

    @Test
    void manyThreadsShareOneConnection() throws Exception {
        try (LibvirtHypervisor host = TestHosts.hypervisor(TestHosts.HOST2)) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String prefix = "t" + t + "-";
                results.add(pool.submit(worker(host, prefix, go)));
            }
            go.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(ROUNDS);
            }
            pool.shutdown();
            assertThat(host.domains()).isEmpty();
        }
    }

    @Test
    void closeWhileOthersCallEndsCleanly() throws Exception {
        LibvirtHypervisor host = TestHosts.hypervisor(TestHosts.HOST1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> callers = new ArrayList<>();
        CountDownLatch running = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            callers.add(pool.submit(() -> {
                running.countDown();
                while (true) {
                    try {
                        host.nodeInfo();
                        host.state("nothing");
                    } catch (io.vmpool.api.hypervisor.HypervisorException e) {
                        assertThat(e.getMessage()).endsWith("the connection is closed");
                        return null;
                    }
                }
            }));
        }
        running.await();
        host.close();
        for (Future<?> caller : callers) {
            caller.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
    }

    private static Callable<Integer> worker(LibvirtHypervisor host, String prefix, CountDownLatch go) {
        return () -> {
            go.await();
            for (int i = 0; i < ROUNDS; i++) {
                String name = prefix + i;
                host.define(TestHosts.spec(name));
                host.start(name);
                assertThat(host.state(name)).contains(DomainState.RUNNING);
                assertThat(host.domains()).extracting(DomainInfo::name).contains(name);
                assertThat(host.state("missing-" + name)).isEmpty();
                host.destroy(name);
                host.undefine(name);
            }
            return ROUNDS;
        };
    }
}
