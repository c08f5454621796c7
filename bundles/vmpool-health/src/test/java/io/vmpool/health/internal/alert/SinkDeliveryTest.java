package io.vmpool.health.internal.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.api.health.Alert;
import io.vmpool.api.health.HostState;
import io.vmpool.health.internal.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One sink's delivery thread: retries of a failing sink, and a hung sink holding up only itself. */
class SinkDeliveryTest {
    private static final Alert ALERT = new Alert("h1", "PANIC", HostState.FAILED, 1, Instant.EPOCH, Instant.EPOCH,
            "kernel panic", List.of("Kernel panic - not syncing: Attempted to kill init!"));

    @Test
    void aFailedAlertIsOfferedAgainUpToTheRetries() {
        AtomicInteger calls = new AtomicInteger();
        List<Alert> delivered = new CopyOnWriteArrayList<>();
        SinkDelivery flaky = new SinkDelivery(alert -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("connection refused");
            }
            delivered.add(alert);
        }, "flaky", 3, Duration.ofMillis(10));
        flaky.offer(ALERT);
        Await.until("the third attempt delivers", () -> delivered.size() == 1);
        assertThat(calls.get()).isEqualTo(3);
        flaky.close();
    }

    @Test
    void givesUpAfterTheRetries() {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        SinkDelivery broken = new SinkDelivery(alert -> {
            if (calls.incrementAndGet() == 2) {
                done.countDown();
            }
            throw new IllegalStateException("connection refused");
        }, "broken", 1, Duration.ofMillis(10));
        broken.offer(ALERT);
        Await.until("the retry", () -> done.getCount() == 0);
        // a third attempt would come 10 ms after the second; a later alert queued behind it shows it did not
        List<Alert> after = new CopyOnWriteArrayList<>();
        SinkDelivery marker = new SinkDelivery(after::add, "marker", 0, Duration.ofMillis(10));
        marker.offer(ALERT);
        Await.until("the marker", () -> after.size() == 1);
        broken.offer(new Alert("h2", "PANIC", HostState.FAILED, 1, Instant.EPOCH, Instant.EPOCH, "x", List.of()));
        Await.until("the second alert's two attempts", () -> calls.get() == 4);
        assertThat(calls.get()).isEqualTo(4);
        broken.close();
        marker.close();
    }

    @Test
    void aHungSinkHoldsUpOnlyItself() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        SinkDelivery hung = new SinkDelivery(alert -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hung", 0, Duration.ofMillis(10));
        List<Alert> fine = new CopyOnWriteArrayList<>();
        SinkDelivery ok = new SinkDelivery(fine::add, "ok", 0, Duration.ofMillis(10));
        hung.offer(ALERT);
        ok.offer(ALERT);
        Await.until("the other sink's alert", () -> fine.size() == 1);
        release.countDown();
        hung.close();
        ok.close();
    }
}
