package io.vmpool.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockService;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.MachineService;
import io.vmpool.api.machine.MachineSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Installs the ZooKeeper lock backend into a running vmpool while VMs are created, started and
 * stopped, then uninstalls it: no resource may ever have two holders and no operation may fail.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LockBackendSwapIT extends VmpoolTestSupport {
    private static final Caller ADMIN = Caller.of("admin", "vmpool-admin");

    @Inject
    protected MachineService machines;

    @Inject
    protected LockService locks;

    @Inject
    protected FeaturesService features;

    @Inject
    protected org.osgi.framework.BundleContext context;

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(baseConfig(),
                editConfigurationFilePut("etc/io.vmpool.lock.zookeeper.cfg", "connectString", ZooKeeperForTests.connectString()),
                editConfigurationFilePut("etc/io.vmpool.lock.zookeeper.cfg", "sessionTimeoutMillis", "5000"));
    }

    @Test
    public void swapBothWaysUnderLoadLosesNothing() throws Exception {
        // both embedded hosts bound and connected: an empty list passes allMatch, and a fresh-check once started
        // the workload before the hosts were bound ("the pool has no hosts")
        waitFor(() -> machines.hosts(ADMIN).size() == 2 && machines.hosts(ADMIN).stream().allMatch(h -> h.reachable()),
                Duration.ofSeconds(60), "both hosts connected");
        assertEquals("local", locks.backend().name());
        Object lockServiceId = serviceId(LockService.class);
        Object machineServiceId = serviceId(MachineService.class);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong operations = new AtomicLong();
        AtomicLong violations = new AtomicLong();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> holders = new ConcurrentHashMap<>();
        ExecutorService workers = Executors.newFixedThreadPool(6);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            String vm = "swap" + w;
            running.add(workers.submit(() -> vmWorkload(vm, stop, operations, failures)));
        }
        for (int w = 0; w < 3; w++) {
            int worker = w;
            running.add(workers.submit(() -> lockWorkload(worker, stop, operations, violations, holders, failures)));
        }

        awaitProgress(operations, 30);
        features.installFeature("vmpool-lock-zookeeper", EnumSet.noneOf(FeaturesService.Option.class));
        waitFor(() -> "zookeeper".equals(locks.backend().name()), Duration.ofSeconds(120), "the ZooKeeper backend to take over");
        awaitProgress(operations, operations.get() + 30);
        features.uninstallFeature("vmpool-lock-zookeeper", EnumSet.noneOf(FeaturesService.Option.class));
        waitFor(() -> "local".equals(locks.backend().name()), Duration.ofSeconds(120), "the local backend to come back");
        awaitProgress(operations, operations.get() + 30);

        stop.set(true);
        for (Future<?> f : running) {
            f.get(120, TimeUnit.SECONDS);
        }
        workers.shutdown();
        System.out.println("swap under load: " + operations.get() + " operations, " + locks.backend().swaps()
                + " swaps, " + violations.get() + " violations, " + failures.size() + " failures");
        assertEquals("two holders of one resource", 0, violations.get());
        assertEquals("failed operations: " + failures, 0, failures.size());
        assertTrue(locks.backend().swaps() >= 2);
        assertEquals("the core was not restarted by the swaps", lockServiceId, serviceId(LockService.class));
        assertEquals("the machine service was not restarted", machineServiceId, serviceId(MachineService.class));
        assertTrue(adminShell("lock:backend").contains("local"));
    }

    private void vmWorkload(String vm, AtomicBoolean stop, AtomicLong operations, List<String> failures) {
        try {
            machines.create(new MachineSpec(vm, 128, 1, 1, null), ADMIN);
            while (!stop.get()) {
                machines.stop(vm, ADMIN);
                machines.start(vm, ADMIN);
                operations.addAndGet(2);
            }
            machines.delete(vm, ADMIN);
        } catch (RuntimeException e) {
            failures.add(vm + ": " + e);
        }
    }

    private void lockWorkload(int worker, AtomicBoolean stop, AtomicLong operations, AtomicLong violations,
            Map<String, AtomicInteger> holders, List<String> failures) {
        long n = 0;
        while (!stop.get()) {
            String owner = "swap-it-" + worker + "-" + n++;
            String resource = "machine:shared" + (n % 2);
            try (Lease lease = locks.acquire(LockRequest.exclusive(resource, owner, Duration.ofSeconds(30), Duration.ofSeconds(60)))) {
                AtomicInteger h = holders.computeIfAbsent(resource, k -> new AtomicInteger());
                if (h.incrementAndGet() != 1) {
                    violations.incrementAndGet();
                }
                Thread.sleep(1);
                h.decrementAndGet();
                operations.incrementAndGet();
            } catch (Exception e) {
                failures.add(owner + ": " + e);
            }
        }
    }

    private Object serviceId(Class<?> type) {
        return context.getServiceReference(type).getProperty("service.id");
    }

    private static void awaitProgress(AtomicLong operations, long atLeast) {
        waitFor(() -> operations.get() >= atLeast, Duration.ofSeconds(120), atLeast + " operations");
    }
}
