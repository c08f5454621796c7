package io.vmpool.lock.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockManager;
import io.vmpool.api.lock.LockMode;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockWaiter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * What the cases use: the managers of the current test, the backend's feature switches and scale
 * knobs, and helpers that poll with a deadline (never a fixed sleep). Implemented by
 * {@link LockManagerConformance}; a backend changes behaviour through that class's hooks and may
 * override the scale knobs here.
 */
public interface ConformanceFixture {
    /** A long lease: it does not lapse during a case. */
    Duration TTL = Duration.ofMinutes(5);
    /** A wait long enough for anything that should succeed, short enough to fail a broken case. */
    Duration WAIT = Duration.ofSeconds(10);

    /** The test's manager, made on first use by {@code newManager()}. */
    LockManager manager();

    /** A manager on another node sharing {@link #manager()}'s locks, or that same manager when the backend has no second node. */
    LockManager peer();

    /** A new manager with {@code limit} set to {@code value} (its other limits off). */
    LockManager managerWith(Limit limit, int value);

    /** Skips the calling case, with the backend's reason, unless the backend supports {@code feature}. */
    void require(Feature feature);

    /** Makes the holder of {@code lease} on {@code manager} die as this backend's holders die. */
    void holderDies(LockManager manager, Lease lease);

    /** The configuration PID a {@code LimitExceededException} of this backend names. */
    String pid();

    /** Threads for the current case; interrupted after it. */
    ExecutorService threads();

    /** Rounds per thread in the 32-thread exclusion case. */
    default int rounds() {
        return 25;
    }

    /** Locks one owner takes in the no-limit-by-default case. */
    default int manyLocks() {
        return 20_000;
    }

    /** A lease time this backend lets lapse promptly (the lapse cases wait a few times this). */
    default Duration shortTtl() {
        return Duration.ofMillis(300);
    }

    /**
     * How far a wait or hold time in {@code stats()} may exceed the real time it measures: zero for a
     * backend that reads the system clock; a backend that times grants on a coarser clock gives its lag.
     */
    default Duration statsClockSlack() {
        return Duration.ZERO;
    }

    /** The longest a backend may take to release the leases of a holder that died. */
    default Duration holderDeathTimeout() {
        return Duration.ofSeconds(10);
    }

    default Lease exclusive(LockManager m, String resource, String owner) throws InterruptedException {
        return m.acquire(LockRequest.exclusive(resource, owner, WAIT, TTL));
    }

    default Lease shared(LockManager m, String resource, String owner) throws InterruptedException {
        return m.acquire(new LockRequest(resource, LockMode.SHARED, owner, WAIT, TTL));
    }

    default LockRequest tryOnce(String resource, LockMode mode, String owner) {
        return new LockRequest(resource, mode, owner, Duration.ZERO, TTL);
    }

    /** Starts {@code owner}'s request in a thread and returns once {@code m} lists it as waiting. */
    default Future<Lease> queue(LockManager m, LockRequest request) {
        Future<Lease> f = threads().submit(() -> m.acquire(request));
        await(request.owner() + " waits for " + request.resource(), () -> waiter(m, request.owner()) != null
                || f.isDone());
        assertThat(f).as("%s should wait for %s, not be answered at once", request.owner(), request.resource())
                .isNotDone();
        return f;
    }

    /** The waiter of {@code owner} that {@code m} lists now, or null. */
    default LockWaiter waiter(LockManager m, String owner) {
        return m.waiters().stream().filter(w -> w.owner().equals(owner)).findFirst().orElse(null);
    }

    default <T> T get(Future<T> future) throws Exception {
        return get(future, WAIT);
    }

    /** The future's result, waiting a little longer than {@code within} (the wait of the request behind it). */
    default <T> T get(Future<T> future, Duration within) throws Exception {
        return future.get(within.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    }

    /** Asserts two instants agree to the millisecond (a backend may store them in ms). */
    default void assertSameInstant(Instant actual, Instant expected) {
        assertThat(actual).isCloseTo(expected, within(1, ChronoUnit.MILLIS));
    }

    /** Polls {@code condition} every few ms until it holds, failing after {@code within}. */
    default void await(String what, Duration within, BooleanSupplier condition) {
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

    default void await(String what, BooleanSupplier condition) {
        await(what, WAIT, condition);
    }
}
