package io.vmpool.health.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.ConflictException;
import io.vmpool.api.Event;
import io.vmpool.api.NotFoundException;
import io.vmpool.api.health.HealthObservation;
import io.vmpool.api.health.HostHealth;
import io.vmpool.api.health.HostState;
import io.vmpool.api.health.Signal;
import io.vmpool.health.internal.Fixtures;
import io.vmpool.health.internal.MutableClock;
import io.vmpool.health.internal.RealInventory;
import io.vmpool.inventory.jdbc.internal.JdbcInventoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy component on its own thread, recording into the real JDBC inventory (H2 in a temp dir). */
class HealthPolicyTest {
    private static final Instant T0 = Instant.parse("2026-12-01T20:00:00Z");

    @TempDir
    Path dir;
    private JdbcInventoryStore inventory;
    private final MutableClock clock = new MutableClock(T0);
    private HealthPolicy policy;

    @BeforeEach
    void inventory() {
        inventory = RealInventory.open(dir);
    }

    @AfterEach
    void close() {
        if (policy != null) {
            policy.close();
        }
        inventory.close();
    }

    private HealthPolicy policy(Map<String, Object> config) {
        policy = new HealthPolicy(inventory, Fixtures.config(config), clock);
        return policy;
    }

    private HealthObservation seen(String host, Signal signal, String summary, String... evidence) {
        return new HealthObservation(host, clock.instant(), "console", signal, summary, List.of(evidence));
    }

    private List<String> stateMessages(String host) {
        return RealInventory.events(inventory, "host:" + host, "host.state").stream().map(Event::message).toList();
    }

    @Test
    void theDefaultsMakeAHostHeardOfByHeartbeatHealthyAtOnceAndAnAdmittedOneWaitADay() {
        policy(Map.of());
        policy.observe(new HealthObservation("host1", T0, "heartbeat", Signal.HEARTBEAT_OK, "host1 answered", List.of()));
        policy.sync();
        assertThat(policy.health("host1")).map(HostHealth::state).contains(HostState.HEALTHY);
        assertThat(stateMessages("host1")).containsExactly("none -> HEALTHY: first heard of through heartbeat "
                + "(HEARTBEAT_OK); not admitted with host:add, so no probation (probationWhenFirstHeard=false in "
                + "io.vmpool.health); evidence: none");
        assertThat(policy.health("other")).isEmpty();

        HostHealth added = policy.admitted("host3", "alice", "admitted by alice with host:add");
        assertThat(added.state()).isEqualTo(HostState.PROBATION);
        assertThat(added.reason()).isEqualTo("admitted by alice with host:add; HEALTHY after 1440 min without an "
                + "error (probationMinutes in io.vmpool.health)");
        clock.advance(Duration.ofMinutes(1439));
        tick();
        assertThat(policy.health("host3").orElseThrow().state()).isEqualTo(HostState.PROBATION);
        clock.advance(Duration.ofMinutes(1));
        tick();
        assertThat(policy.health("host3").orElseThrow().state()).isEqualTo(HostState.HEALTHY);
    }

    @Test
    void everyTransitionIsAnEventWithItsReasonAndEvidence() {
        policy(Map.of("evidenceLines", 2));
        policy.observe(seen("h1", Signal.HEARTBEAT_OK, "h1 answered"));
        policy.observe(seen("h1", Signal.CORRECTED_RATE_HIGH, "12 corrected machine checks in 60 min", "l1"));
        policy.observe(seen("h1", Signal.FATAL_MACHINE_CHECK, "fatal machine check on CPU 0 bank 2", "a", "b", "c"));
        policy.sync();

        HostHealth h = policy.health("h1").orElseThrow();
        assertThat(h.state()).isEqualTo(HostState.FAILED);
        assertThat(h.reason()).isEqualTo("FATAL_MACHINE_CHECK (console): fatal machine check on CPU 0 bank 2");
        assertThat(h.recent()).extracting(HealthObservation::signal).containsExactly(Signal.FATAL_MACHINE_CHECK,
                Signal.CORRECTED_RATE_HIGH, Signal.HEARTBEAT_OK);
        assertThat(stateMessages("h1")).hasSize(3).endsWith(
                "HEALTHY -> DEGRADED: CORRECTED_RATE_HIGH (console): 12 corrected machine checks in 60 min; evidence: l1",
                "DEGRADED -> FAILED: FATAL_MACHINE_CHECK (console): fatal machine check on CPU 0 bank 2; evidence: a | b"
                        + " | (1 more lines)");
        Event last = inventory.events("host:h1", 1).get(0);
        assertThat(last.actor()).isEqualTo("vmpool-health:console");
        assertThat(last.time()).isEqualTo(T0);
    }

    @Test
    void probationEndsByTheClock() {
        policy(Map.of("probationMinutes", 30L, "probationWhenFirstHeard", true));
        policy.observe(seen("h1", Signal.HEARTBEAT_OK, "answered"));
        policy.sync();
        assertThat(policy.health("h1").orElseThrow().state()).isEqualTo(HostState.PROBATION);

        clock.advance(Duration.ofMinutes(29));
        tick();
        assertThat(policy.health("h1").orElseThrow().state()).isEqualTo(HostState.PROBATION);
        clock.advance(Duration.ofMinutes(1));
        tick();
        HostHealth h = policy.health("h1").orElseThrow();
        assertThat(h.state()).isEqualTo(HostState.HEALTHY);
        assertThat(h.since()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(stateMessages("h1")).last().asString().startsWith("PROBATION -> HEALTHY: no error for 30 min");
    }

    @Test
    void anAdmittedHostStartsItsProbationWhateverCameBefore() {
        policy(Map.of("probationMinutes", 30L));
        policy.observe(seen("h1", Signal.PANIC, "kernel panic", "Kernel panic - not syncing: Attempted to kill init!"));
        policy.sync();
        assertThat(policy.health("h1").orElseThrow().state()).isEqualTo(HostState.FAILED);

        // the host was removed, repaired and added again under its old name
        clock.advance(Duration.ofMinutes(5));
        HostHealth again = policy.admitted("h1", "alice", "admitted by alice with host:add");
        assertThat(again.state()).isEqualTo(HostState.PROBATION);
        assertThat(again.reason()).isEqualTo("admitted by alice with host:add; HEALTHY after 30 min without an error "
                + "(probationMinutes in io.vmpool.health)");
        HostHealth fresh = policy.admitted("h2", "alice", "admitted by alice with host:add");
        assertThat(fresh.state()).isEqualTo(HostState.PROBATION);

        clock.advance(Duration.ofMinutes(30));
        tick();
        assertThat(policy.health("h1").orElseThrow().state()).isEqualTo(HostState.HEALTHY);
        assertThat(policy.health("h2").orElseThrow().state()).isEqualTo(HostState.HEALTHY);
        assertThat(stateMessages("h1")).extracting(m -> m.substring(0, m.indexOf(':'))).containsExactly(
                "none -> HEALTHY", "HEALTHY -> FAILED", "FAILED -> PROBATION", "PROBATION -> HEALTHY");
        assertThat(inventory.events("host:h1", 10)).filteredOn(e -> e.message().startsWith("FAILED -> PROBATION"))
                .extracting(io.vmpool.api.Event::actor).containsExactly("alice");
    }

    @Test
    void maintenanceAndClearThroughTheService() {
        policy(Map.of("probationMinutes", 0L));
        policy.observe(seen("h1", Signal.PANIC, "kernel panic: Attempted to kill init!", "Kernel panic - not syncing: "
                + "Attempted to kill init!"));
        policy.sync();
        assertThat(policy.maintenance("h1", true, "alice").state()).isEqualTo(HostState.MAINTENANCE);
        assertThat(policy.maintenance("h1", false, "alice").state()).isEqualTo(HostState.FAILED);
        assertThatThrownBy(() -> policy.clear("nobody", "alice", "x")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no state for host nobody");

        HostHealth cleared = policy.clear("h1", "alice", "replaced the disk");
        assertThat(cleared.state()).isEqualTo(HostState.PROBATION);
        policy.sync(); // probationMinutes=0: the check queued behind the clear promotes it
        assertThat(policy.health("h1").orElseThrow().state()).isEqualTo(HostState.HEALTHY);
        assertThatThrownBy(() -> policy.clear("h1", "alice", "again")).isInstanceOf(ConflictException.class);
        assertThat(stateMessages("h1")).extracting(m -> m.substring(0, m.indexOf(':'))).containsExactly(
                "none -> HEALTHY", "HEALTHY -> FAILED", "FAILED -> MAINTENANCE", "MAINTENANCE -> FAILED",
                "FAILED -> PROBATION", "PROBATION -> HEALTHY");
        assertThat(inventory.events("host:h1", 10)).filteredOn(e -> e.message().startsWith("FAILED -> PROBATION"))
                .extracting(Event::actor).containsExactly("alice");
    }

    @Test
    void heartbeatsFlappingAroundTheLimit() {
        policy(Map.of("missedHeartbeats", 2));
        for (int i = 0; i < 10; i++) {
            policy.observe(seen("h1", Signal.HEARTBEAT_MISSED, "no answer"));
            policy.observe(seen("h1", Signal.HEARTBEAT_OK, "answered"));
        }
        policy.sync();
        assertThat(policy.health("h1").orElseThrow().state()).isEqualTo(HostState.HEALTHY);
        for (int i = 0; i < 3; i++) {
            policy.observe(seen("h1", Signal.HEARTBEAT_MISSED, "no answer"));
            policy.observe(seen("h1", Signal.HEARTBEAT_MISSED, "no answer"));
            policy.observe(seen("h1", Signal.HEARTBEAT_OK, "answered"));
        }
        policy.sync();
        assertThat(stateMessages("h1")).extracting(m -> m.substring(0, m.indexOf(':'))).containsExactly(
                "none -> HEALTHY", "HEALTHY -> UNREACHABLE", "UNREACHABLE -> HEALTHY", "HEALTHY -> UNREACHABLE",
                "UNREACHABLE -> HEALTHY", "HEALTHY -> UNREACHABLE", "UNREACHABLE -> HEALTHY");
    }

    @Test
    void keepsTheLastObservationsPerHostNewestFirst() {
        policy(Map.of("recentObservations", 5));
        for (int i = 0; i < 12; i++) {
            policy.observe(seen("h1", Signal.NOTICE, "notice " + i));
        }
        policy.sync();
        assertThat(policy.health("h1").orElseThrow().recent()).extracting(HealthObservation::summary)
                .containsExactly("notice 11", "notice 10", "notice 9", "notice 8", "notice 7");
    }

    @Test
    void aRestartedPolicyRemembersAFailedHost() {
        policy(Map.of());
        policy.observe(seen("h1", Signal.UNCORRECTED_ERROR, "uncorrected machine check"));
        policy.sync();
        policy.close();

        policy(Map.of());
        policy.observe(seen("h1", Signal.HEARTBEAT_OK, "answered"));
        policy.sync();
        HostHealth h = policy.health("h1").orElseThrow();
        assertThat(h.state()).isEqualTo(HostState.FAILED);
        assertThat(h.reason()).contains("HEALTHY -> FAILED: UNCORRECTED_ERROR (console): uncorrected machine check");
        assertThat(stateMessages("h1")).as("nothing recorded again").hasSize(2);
        assertThat(policy.all()).extracting(HostHealth::host).containsExactly("h1");
    }

    @Test
    void aRestartedPolicyAnswersForEveryRecordedHostBeforeAnyObservation() {
        policy(Map.of("probationMinutes", 30L));
        policy.observe(seen("h1", Signal.PANIC, "Kernel panic - not syncing: Fatal machine check"));
        policy.admitted("h2", "admin", "admitted by admin with host:add");
        policy.sync();
        policy.close();

        // no observation after the start, no sync: the first reads wait for the restore
        clock.advance(Duration.ofMinutes(31));
        policy(Map.of("probationMinutes", 30L));
        assertThat(policy.health("h1")).map(HostHealth::state).contains(HostState.FAILED);
        assertThat(policy.health("h1").orElseThrow().reason()).contains("PANIC (console): Kernel panic");
        assertThat(policy.all()).extracting(HostHealth::host).containsExactly("h1", "h2");
        assertThat(policy.health("nobody")).isEmpty();

        // h2's probation (from T0) ended while the policy was down: its timer, set again at the restore, ends it
        policy.sync();
        HostHealth h2 = policy.health("h2").orElseThrow();
        assertThat(h2.state()).isEqualTo(HostState.HEALTHY);
        assertThat(stateMessages("h2")).last().asString().startsWith("PROBATION -> HEALTHY: no error for 30 min");
    }

    @Test
    void observeDoesNotBlockAndDropsBeyondTheQueueLimit() {
        policy(Map.of("maxQueuedObservations", 10));
        CountDownLatch release = new CountDownLatch(1);
        // occupy the policy's thread so that observations pile up behind it
        policy.later(Duration.ZERO, () -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            policy.observe(seen("h1", Signal.NOTICE, "notice " + i));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        release.countDown();
        policy.sync();
        assertThat(policy.health("h1").orElseThrow().recent()).hasSize(10);
    }

    private void tick() {
        try {
            policy.tick().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
