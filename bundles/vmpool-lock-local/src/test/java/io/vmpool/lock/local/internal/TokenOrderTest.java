package io.vmpool.lock.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockMode;
import io.vmpool.api.lock.LockTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fencing tokens per resource: strictly growing in grant order with many threads on one resource (fast
 * grants racing each other and the monitor path), and across the times a resource's state is dropped and
 * made again.
 */
class TokenOrderTest extends LockTestSupport {

    /**
     * 16 threads on one resource, exclusive, zero and short waits, some leases forced out: each holder checks,
     * while it holds, that its token is larger than every token granted before it on that resource.
     */
    @ParameterizedTest(name = "reaperIntervalMillis={0}")
    @ValueSource(longs = {0, 1000})
    void manyThreadsOnOneResourceSeeStrictlyGrowingTokens(long reaperIntervalMillis) throws Exception {
        LocalLockManager m = manager(Map.of("reaperIntervalMillis", reaperIntervalMillis));
        int threadCount = 16;
        long runNanos = TimeUnit.MILLISECONDS.toNanos(2000);
        Object order = new Object();
        long[] last = {0};
        AtomicInteger disorder = new AtomicInteger();
        AtomicLong grants = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threadCount; t++) {
            String owner = "op-" + t;
            done.add(threads.submit(() -> {
                start.await();
                long end = System.nanoTime() + runNanos;
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (System.nanoTime() - end < 0) {
                    Duration wait = rnd.nextInt(4) == 0 ? Duration.ZERO : Duration.ofMillis(rnd.nextInt(1, 5));
                    LockMode mode = rnd.nextInt(8) == 0 ? LockMode.SHARED : LockMode.EXCLUSIVE;
                    try (Lease lease = m.acquire(request("machine:one", mode, owner, wait, TTL))) {
                        grants.incrementAndGet();
                        synchronized (order) { // a holder's token vs every earlier grant's (shared ones may come in any order)
                            if (mode == LockMode.EXCLUSIVE && lease.isValid() && lease.token() <= last[0]) {
                                disorder.incrementAndGet();
                            }
                            last[0] = Math.max(last[0], lease.token());
                        }
                    } catch (LockTimeoutException busy) {
                        // next round
                    }
                }
                return null;
            }));
        }
        done.add(threads.submit(() -> {
            start.await();
            long end = System.nanoTime() + runNanos;
            while (System.nanoTime() - end < 0) {
                m.forceRelease("machine:one");
                Thread.sleep(1);
            }
            return null;
        }));
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertThat(grants.get()).isGreaterThan(1000);
        assertThat(disorder.get()).as("grants whose token was not above every earlier grant's").isZero();
    }

    /** A resource whose state is dropped (the reaper's sweep) and made again thousands of times keeps growing tokens. */
    @Test
    void tokensGrowAcrossStatesDroppedAndMadeAgain() throws Exception {
        LocalLockManager m = manager(Map.of("reaperIntervalMillis", 100_000L)); // sweeps only when the test asks
        long last = 0;
        for (int i = 0; i < 5000; i++) {
            int grantsThisState = 1 + i % 7;
            for (int g = 0; g < grantsThisState; g++) {
                Lease lease = i % 3 == 0 ? shared(m, "machine:again", "op-" + i) : exclusive(m, "machine:again", "op-" + i);
                assertThat(lease.token()).as("grant %d of state %d", g, i).isGreaterThan(last);
                last = lease.token();
                lease.close();
            }
            for (int o = 0; o < i % 5; o++) { // other resources live longer and grant more
                exclusive(m, "machine:other" + o, "x").close();
            }
            m.sweep(); // every state idle now: all dropped, made again at the next acquire
            assertThat(m.resourcesInUse()).isZero();
        }
    }
}
