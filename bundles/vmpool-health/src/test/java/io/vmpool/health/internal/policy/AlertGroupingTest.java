package io.vmpool.health.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.api.Event;
import io.vmpool.api.health.Alert;
import io.vmpool.api.health.AlertSink;
import io.vmpool.api.health.HealthObservation;
import io.vmpool.api.health.HostState;
import io.vmpool.api.health.Signal;
import io.vmpool.health.internal.Await;
import io.vmpool.health.internal.Fixtures;
import io.vmpool.health.internal.MutableClock;
import io.vmpool.health.internal.RealInventory;
import io.vmpool.health.internal.alert.EventLogAlertSink;
import io.vmpool.health.internal.alert.LogAlertSink;
import io.vmpool.inventory.jdbc.internal.JdbcInventoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts through the policy: grouped per host and cause per window, to every sink, whatever one sink does. */
class AlertGroupingTest {
    private static final Instant T0 = Instant.parse("2026-12-01T20:00:00Z");

    @TempDir
    Path dir;
    private JdbcInventoryStore inventory;
    private final MutableClock clock = new MutableClock(T0);
    private HealthPolicy policy;
    private final Recording recording = new Recording();

    /** A sink that keeps what it got. */
    static final class Recording implements AlertSink {
        final List<Alert> got = new CopyOnWriteArrayList<>();

        @Override
        public void deliver(Alert alert) {
            got.add(alert);
        }
    }

    @BeforeEach
    void policy() {
        inventory = RealInventory.open(dir);
        policy = new HealthPolicy(inventory, Fixtures.config(Map.of("alertWindowMinutes", 10L)), clock);
        policy.addSink(recording, Map.of(AlertSink.NAME_PROPERTY, "recording"));
    }

    @AfterEach
    void close() {
        policy.close();
        inventory.close();
    }

    private void fatal(String host, int n) {
        policy.observe(new HealthObservation(host, clock.instant(), "console", Signal.FATAL_MACHINE_CHECK,
                "fatal machine check " + n, List.of("mce: [Hardware Error]: CPU 0: Machine Check Exception: 4 Bank 2: "
                        + "be00000000800090")));
    }

    @Test
    void aBurstOfOneHundredFatalChecksIsOneAlertAtOnceAndOneWithTheCountAtTheWindowsEnd() throws Exception {
        for (int i = 0; i < 100; i++) {
            fatal("h1", i);
            clock.advance(Duration.ofSeconds(1));
        }
        policy.sync();
        Await.until("the first alert", () -> recording.got.size() == 1);
        Alert first = recording.got.get(0);
        assertThat(first.host()).isEqualTo("h1");
        assertThat(first.cause()).isEqualTo("FATAL_MACHINE_CHECK");
        assertThat(first.state()).isEqualTo(HostState.FAILED);
        assertThat(first.count()).isEqualTo(1);
        assertThat(first.summary()).isEqualTo("fatal machine check 0");

        clock.advance(Duration.ofMinutes(8)); // 9 min 40 s after the first: the window is still open
        policy.tick().get(20, TimeUnit.SECONDS);
        policy.sync();
        assertThat(recording.got).hasSize(1);

        clock.advance(Duration.ofMinutes(1));
        policy.tick().get(20, TimeUnit.SECONDS);
        Await.until("the summary", () -> recording.got.size() == 2);
        Alert summary = recording.got.get(1);
        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.first()).isEqualTo(T0);
        assertThat(summary.last()).isEqualTo(T0.plusSeconds(99));
        assertThat(summary.summary()).isEqualTo("100 times in 10 min (alertWindowMinutes), the first: fatal machine check 0");
        assertThat(summary.evidence()).hasSize(1);

        policy.tick().get(20, TimeUnit.SECONDS);
        fatal("h1", 100); // a new window
        policy.sync();
        Await.until("the next window's first alert", () -> recording.got.size() == 3);
        assertThat(recording.got.get(2).count()).isEqualTo(1);
    }

    @Test
    void aSingleOccurrenceSendsNoSummary() throws Exception {
        fatal("h1", 0);
        policy.sync();
        Await.until("the alert", () -> recording.got.size() == 1);
        clock.advance(Duration.ofMinutes(11));
        policy.tick().get(20, TimeUnit.SECONDS);
        policy.sync();
        assertThat(recording.got).hasSize(1);
    }

    @Test
    void hostsAndCausesAreGroupedApart() {
        fatal("h1", 0);
        fatal("h2", 0);
        policy.observe(new HealthObservation("h1", clock.instant(), "edac", Signal.UNCORRECTED_ERROR, "ue", List.of()));
        policy.observe(new HealthObservation("h1", clock.instant(), "edac", Signal.CORRECTED_ERROR, "ce", List.of()));
        policy.sync();
        Await.until("three alerts", () -> recording.got.size() == 3);
        assertThat(recording.got).extracting(a -> a.host() + " " + a.cause()).containsExactlyInAnyOrder(
                "h1 FATAL_MACHINE_CHECK", "h2 FATAL_MACHINE_CHECK", "h1 UNCORRECTED_ERROR");
    }

    @Test
    void unreachableIsAlertedOnTheTransitionAndMaintenanceIsQuiet() {
        for (int i = 0; i < 5; i++) {
            policy.observe(new HealthObservation("h1", clock.instant(), "heartbeat", Signal.HEARTBEAT_MISSED,
                    "no answer within 5000 ms", List.of()));
        }
        policy.maintenance("h2", true, "alice");
        fatal("h2", 0);
        policy.sync();
        Await.until("the unreachable alert", () -> recording.got.size() == 1);
        Alert a = recording.got.get(0);
        assertThat(a.cause()).isEqualTo("HEARTBEAT_MISSED");
        assertThat(a.state()).isEqualTo(HostState.UNREACHABLE);
        assertThat(a.summary()).startsWith("3 heartbeats missed in a row");
        policy.sync();
        assertThat(recording.got).hasSize(1);
    }

    @Test
    void aSinkThatThrowsDoesNotStopTheOthers() {
        AlertSink broken = alert -> {
            throw new IllegalStateException("SMTP server said 554");
        };
        policy.addSink(broken, Map.of(AlertSink.NAME_PROPERTY, "broken"));
        policy.addSink(new LogAlertSink(), Map.of(AlertSink.NAME_PROPERTY, "log"));
        policy.addSink(new EventLogAlertSink(inventory), Map.of(AlertSink.NAME_PROPERTY, "eventlog"));
        fatal("h1", 0);
        policy.sync();
        Await.until("the recording sink's alert", () -> recording.got.size() == 1);
        Await.until("the event-log sink's event", () -> !RealInventory.events(inventory, "host:h1", "alert").isEmpty());
        Event event = RealInventory.events(inventory, "host:h1", "alert").get(0);
        assertThat(event.message()).isEqualTo("FATAL_MACHINE_CHECK on h1, now FAILED, at " + T0
                + ": fatal machine check 0; evidence: mce: [Hardware Error]: CPU 0: Machine Check Exception: 4 Bank 2: "
                + "be00000000800090");
        assertThat(event.actor()).isEqualTo("vmpool-health");

        policy.removeSink(recording);
        fatal("h2", 0);
        policy.sync();
        Await.until("h2's event", () -> !RealInventory.events(inventory, "host:h2", "alert").isEmpty());
        assertThat(recording.got).hasSize(1);
    }
}
