package io.vmpool.lock.local.internal;

import static org.assertj.core.api.Assertions.fail;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockMode;
import io.vmpool.api.lock.LockRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;

/** Creates managers and threads for a test and stops them after it; polls with a deadline. */
abstract class LockTestSupport {
    static final Duration LONG = Duration.ofSeconds(30);
    static final Duration TTL = Duration.ofMinutes(5);

    private final List<LocalLockManager> managers = new ArrayList<>();
    final ExecutorService threads = Executors.newCachedThreadPool();

    LocalLockManager manager(Map<String, Object> config) {
        Map<String, Object> all = new HashMap<>(config);
        LocalLockManager m = new LocalLockManager(TestConfig.of(LocalLockConfig.class, all), "test-node");
        managers.add(m);
        return m;
    }

    LocalLockManager manager() {
        return manager(Map.of());
    }

    @AfterEach
    void stopEverything() {
        threads.shutdownNow();
        managers.forEach(LocalLockManager::deactivate);
    }

    static LockRequest request(String resource, LockMode mode, String owner, Duration maxWait, Duration ttl) {
        return new LockRequest(resource, mode, owner, maxWait, ttl);
    }

    static Lease exclusive(LocalLockManager m, String resource, String owner) throws InterruptedException {
        return m.acquire(LockRequest.exclusive(resource, owner, LONG, TTL));
    }

    static Lease shared(LocalLockManager m, String resource, String owner) throws InterruptedException {
        return m.acquire(request(resource, LockMode.SHARED, owner, LONG, TTL));
    }

    /** Polls {@code condition} every few ms until it holds, failing after {@code within}. */
    static void await(String what, Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + within.toMillis() + " ms waiting until " + what);
            }
            try {
                Thread.sleep(5); // poll interval, not a wait for the condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting until " + what);
            }
        }
    }

    static void await(String what, BooleanSupplier condition) {
        await(what, Duration.ofSeconds(10), condition);
    }
}
