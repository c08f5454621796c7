package io.vmpool.lock.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockMode;
import io.vmpool.api.lock.LockStats;
import io.vmpool.api.lock.LockTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Races the uncontended fast path (grant and release off the monitor) against everything that takes the
 * monitor: waiters of both modes with short waits, zero-wait requests, two-lock requests in either order
 * (so deadlocks are detected and refused), forced releases, short leases that lapse, the reaper's sweep
 * and observers. Many threads on few resources. Overlap is counted two ways: by a plain in-section counter
 * on a resource only taken exclusively with long leases and never forced, and, on every resource, by
 * checking at each grant that no other valid lease conflicts with it (a forced-out or lapsed lease is
 * invalid before its resource can be granted again, so this check is exact). Both must be 0, and at the
 * end nothing is held, waited for, counted or mirrored.
 */
class FastPathRaceTest extends LockTestSupport {
    private static final String[] RESOURCES = {"r0", "r1", "r2"};
    private static final String PURE = "pure";
    private static final Duration LONG_TTL = Duration.ofHours(1); // granted on the ticking clock
    private static final Duration SHORT_TTL = Duration.ofMillis(3); // lapses now and then

    private final Map<String, Set<Lease>> granted = new ConcurrentHashMap<>();
    private final AtomicInteger conflicts = new AtomicInteger();
    private final AtomicInteger pureInside = new AtomicInteger();
    private final AtomicInteger pureOverlaps = new AtomicInteger();
    private final AtomicLong grants = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();

    @ParameterizedTest(name = "reaperIntervalMillis={0}")
    @ValueSource(longs = {0, 2})
    void noTwoConflictingLeasesAreValidAtOnce(long reaperIntervalMillis) throws Exception {
        LocalLockManager m = manager(Map.of("reaperIntervalMillis", reaperIntervalMillis));
        int threadCount = 24;
        long runNanos = TimeUnit.MILLISECONDS.toNanos(2500);
        for (String r : RESOURCES) {
            granted.put(r, ConcurrentHashMap.newKeySet());
        }
        granted.put(PURE, ConcurrentHashMap.newKeySet());
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threadCount; t++) {
            String owner = "op-" + t;
            done.add(threads.submit(() -> {
                start.await();
                long end = System.nanoTime() + runNanos;
                for (int i = 0; System.nanoTime() - end < 0; i++) {
                    round(m, owner + "-" + (i % 4));
                }
                return null;
            }));
        }
        done.add(threads.submit(() -> { // an administrator and observers
            start.await();
            while (!stop.get()) {
                m.forceRelease("r0");
                m.held();
                m.waiters();
                m.stats();
                if (reaperIntervalMillis == 0) {
                    m.sweep();
                }
                Thread.sleep(1);
            }
            return null;
        }));
        start.countDown();
        for (int i = 0; i < threadCount; i++) {
            done.get(i).get(60, TimeUnit.SECONDS);
        }
        stop.set(true);
        done.get(threadCount).get(10, TimeUnit.SECONDS);

        assertThat(conflicts.get()).as("conflicting valid leases at once").isZero();
        assertThat(pureOverlaps.get()).as("two threads inside the exclusive section").isZero();
        assertThat(grants.get()).as("grants").isGreaterThan(1000);
        assertThat(refusals.get()).as("timeouts and deadlocks refused").isPositive();
        assertThat(m.held()).isEmpty();
        assertThat(m.waiters()).isEmpty();
        LockStats stats = m.stats();
        assertThat(stats.held()).as("grants minus ended holds").isZero();
        assertThat(stats.waiting()).isZero();
        for (int t = 0; t < threadCount; t++) {
            for (int k = 0; k < 4; k++) {
                assertThat(m.locksOf("op-" + t + "-" + k)).isZero();
            }
        }
        assertThat(m.waitGraphSize()).isEqualTo("0 resources, 0 waits, 0 holds");
        m.sweep();
        assertThat(m.resourcesInUse()).isZero();
    }

    /** One operation: most take one lock, some a pair in random order, some the pure resource. */
    private void round(LocalLockManager m, String owner) throws InterruptedException {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int kind = rnd.nextInt(10);
        if (kind == 0) {
            pure(m, owner);
            return;
        }
        String first = RESOURCES[rnd.nextInt(RESOURCES.length)];
        Lease a = take(m, first, owner);
        if (a == null) {
            return;
        }
        try {
            if (kind == 1) {
                String second = RESOURCES[rnd.nextInt(RESOURCES.length)];
                if (!second.equals(first)) {
                    Lease b = take(m, second, owner);
                    if (b != null) {
                        hold(rnd);
                        give(second, b);
                    }
                }
            }
            hold(rnd);
        } finally {
            give(first, a);
        }
    }

    private void pure(LocalLockManager m, String owner) throws InterruptedException {
        Lease lease;
        try {
            lease = m.acquire(request(PURE, LockMode.EXCLUSIVE, owner, Duration.ofMillis(20), LONG_TTL));
        } catch (LockTimeoutException e) {
            refusals.incrementAndGet();
            return;
        }
        grants.incrementAndGet();
        if (pureInside.incrementAndGet() != 1) {
            pureOverlaps.incrementAndGet();
        }
        Thread.onSpinWait();
        pureInside.decrementAndGet();
        lease.close();
    }

    /** A request of random mode, wait and lease; null when refused (timed out, would deadlock). */
    private Lease take(LocalLockManager m, String resource, String owner) throws InterruptedException {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        LockMode mode = rnd.nextInt(3) == 0 ? LockMode.SHARED : LockMode.EXCLUSIVE;
        Duration wait = switch (rnd.nextInt(4)) {
            case 0 -> Duration.ZERO;
            case 1 -> Duration.ofNanos(200_000);
            case 2 -> Duration.ofMillis(2);
            default -> Duration.ofMillis(20);
        };
        Duration ttl = rnd.nextInt(20) == 0 ? SHORT_TTL : LONG_TTL;
        Lease lease;
        try {
            lease = m.acquire(request(resource, mode, owner, wait, ttl));
        } catch (LockTimeoutException e) { // a DeadlockException is one
            refusals.incrementAndGet();
            return null;
        }
        grants.incrementAndGet();
        Set<Lease> others = granted.get(resource);
        others.add(lease);
        for (Lease other : others) {
            if (other != lease && other.isValid() && lease.isValid()
                    && (lease.mode() == LockMode.EXCLUSIVE || other.mode() == LockMode.EXCLUSIVE)) {
                conflicts.incrementAndGet();
            }
        }
        return lease;
    }

    /** Releases first, then forgets: a lease still valid is never missing from the set. */
    private void give(String resource, Lease lease) {
        lease.close();
        granted.get(resource).remove(lease);
    }

    /** Mostly a few hundred ns, sometimes a yield, rarely long enough for a short lease to lapse. */
    private static void hold(ThreadLocalRandom rnd) throws InterruptedException {
        int n = rnd.nextInt(100);
        if (n < 80) {
            for (int i = rnd.nextInt(50); i > 0; i--) {
                Thread.onSpinWait();
            }
        } else if (n < 98) {
            Thread.yield();
        } else {
            Thread.sleep(4);
        }
    }
}
