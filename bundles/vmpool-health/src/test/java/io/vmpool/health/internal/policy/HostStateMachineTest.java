package io.vmpool.health.internal.policy;

import static io.vmpool.api.health.HostState.DEGRADED;
import static io.vmpool.api.health.HostState.FAILED;
import static io.vmpool.api.health.HostState.HEALTHY;
import static io.vmpool.api.health.HostState.MAINTENANCE;
import static io.vmpool.api.health.HostState.PROBATION;
import static io.vmpool.api.health.HostState.UNREACHABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.ConflictException;
import io.vmpool.api.Event;
import io.vmpool.api.health.HealthObservation;
import io.vmpool.api.health.HostState;
import io.vmpool.api.health.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every rule of the per-host state machine, without threads or OSGi. */
class HostStateMachineTest {
    private static final Instant T0 = Instant.parse("2026-12-01T20:00:00Z");
    private static final int MISSED = 3;
    private Instant now = T0;

    private HostStateMachine healthy() {
        HostStateMachine m = HostStateMachine.fresh("h1", Duration.ZERO, MISSED, now, "first heard of");
        assertThat(m.state()).isEqualTo(HEALTHY);
        return m;
    }

    private HealthObservation seen(Signal signal) {
        now = now.plusSeconds(1);
        return new HealthObservation("h1", now, "test", signal, signal + " seen", List.of("line 1", "line 2"));
    }

    private static HostState to(Optional<Transition> t) {
        assertThat(t).as("a transition").isPresent();
        return t.get().to();
    }

    @Test
    void aNewHostIsHealthyWithoutProbationAndInProbationWithOne() {
        HostStateMachine none = HostStateMachine.fresh("h1", Duration.ZERO, MISSED, T0, "first heard of through heartbeat");
        assertThat(none.first().message(8)).startsWith("none -> HEALTHY: first heard of through heartbeat (probationMinutes=0");
        HostStateMachine some = HostStateMachine.fresh("h1", Duration.ofMinutes(10), MISSED, T0, "first heard of");
        assertThat(some.state()).isEqualTo(PROBATION);
        assertThat(some.probationEnd()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    }

    @ParameterizedTest
    @EnumSource(value = Signal.class, names = {"FATAL_MACHINE_CHECK", "PANIC", "UNCORRECTED_ERROR"})
    void errorsThatFailAHost(Signal signal) {
        HostStateMachine m = healthy();
        Optional<Transition> t = m.observe(seen(signal));
        assertThat(to(t)).isEqualTo(FAILED);
        assertThat(t.get().message(1)).isEqualTo("HEALTHY -> FAILED: " + signal + " (test): " + signal
                + " seen; evidence: line 1 | (1 more lines)");
        assertThat(m.observe(seen(signal))).as("already FAILED").isEmpty();
    }

    @Test
    void aHighCorrectedRateDegradesAndAFatalErrorThenFails() {
        HostStateMachine m = healthy();
        assertThat(to(m.observe(seen(Signal.CORRECTED_RATE_HIGH)))).isEqualTo(DEGRADED);
        assertThat(m.observe(seen(Signal.CORRECTED_RATE_HIGH))).isEmpty();
        assertThat(to(m.observe(seen(Signal.FATAL_MACHINE_CHECK)))).isEqualTo(FAILED);
        assertThat(m.observe(seen(Signal.CORRECTED_RATE_HIGH))).as("FAILED is worse than DEGRADED").isEmpty();
        assertThat(m.state()).isEqualTo(FAILED);
    }

    @ParameterizedTest
    @EnumSource(value = Signal.class, names = {"CORRECTED_ERROR", "HUNG_TASK", "NOTICE", "HEARTBEAT_OK"})
    void signalsThatChangeNothingByThemselves(Signal signal) {
        HostStateMachine m = healthy();
        assertThat(m.observe(seen(signal))).isEmpty();
        assertThat(m.state()).isEqualTo(HEALTHY);
    }

    @Test
    void missedHeartbeatsInARowMakeItUnreachableAndAnAnswerBringsItBack() {
        HostStateMachine m = healthy();
        m.observe(seen(Signal.CORRECTED_RATE_HIGH));
        assertThat(m.observe(seen(Signal.HEARTBEAT_MISSED))).isEmpty();
        assertThat(m.observe(seen(Signal.HEARTBEAT_MISSED))).isEmpty();
        Optional<Transition> gone = m.observe(seen(Signal.HEARTBEAT_MISSED));
        assertThat(to(gone)).isEqualTo(UNREACHABLE);
        assertThat(gone.get().reason()).startsWith("3 heartbeats missed in a row (missedHeartbeats=3 in io.vmpool.health)");
        assertThat(m.observe(seen(Signal.HEARTBEAT_MISSED))).isEmpty();
        Optional<Transition> back = m.observe(seen(Signal.HEARTBEAT_OK));
        assertThat(to(back)).as("back to where it was").isEqualTo(DEGRADED);
        assertThat(back.get().from()).isEqualTo(UNREACHABLE);
    }

    @Test
    void flappingHeartbeatsBelowTheLimitChangeNothing() {
        HostStateMachine m = healthy();
        for (int round = 0; round < 20; round++) {
            assertThat(m.observe(seen(Signal.HEARTBEAT_MISSED))).isEmpty();
            assertThat(m.observe(seen(Signal.HEARTBEAT_MISSED))).isEmpty();
            assertThat(m.observe(seen(Signal.HEARTBEAT_OK))).isEmpty();
        }
        assertThat(m.state()).isEqualTo(HEALTHY);
        assertThat(m.observe(seen(Signal.HEARTBEAT_MISSED))).isEmpty();
        assertThat(m.observe(seen(Signal.HEARTBEAT_MISSED))).isEmpty();
        assertThat(to(m.observe(seen(Signal.HEARTBEAT_MISSED)))).isEqualTo(UNREACHABLE);
        assertThat(to(m.observe(seen(Signal.HEARTBEAT_OK)))).isEqualTo(HEALTHY);
        assertThat(m.observe(seen(Signal.HEARTBEAT_MISSED))).as("the count started again").isEmpty();
    }

    @Test
    void aFailedHostStaysFailedWhenItStopsAnswering() {
        HostStateMachine m = healthy();
        m.observe(seen(Signal.PANIC));
        for (int i = 0; i < 5; i++) {
            assertThat(m.observe(seen(Signal.HEARTBEAT_MISSED))).isEmpty();
        }
        assertThat(m.observe(seen(Signal.HEARTBEAT_OK))).isEmpty();
        assertThat(m.state()).isEqualTo(FAILED);
    }

    @Test
    void aFatalErrorWhileUnreachableFailsItAtOnce() {
        HostStateMachine m = unreachable(healthy());
        Optional<Transition> t = m.observe(seen(Signal.FATAL_MACHINE_CHECK));
        assertThat(t.get().from()).isEqualTo(UNREACHABLE);
        assertThat(t.get().to()).isEqualTo(FAILED);
        assertThat(m.observe(seen(Signal.HEARTBEAT_OK))).as("FAILED stays until cleared").isEmpty();
    }

    @Test
    void aHighRateWhileUnreachableDecidesWhereItComesBack() {
        HostStateMachine m = unreachable(healthy());
        assertThat(m.observe(seen(Signal.CORRECTED_RATE_HIGH))).isEmpty();
        assertThat(m.state()).isEqualTo(UNREACHABLE);
        Optional<Transition> back = m.observe(seen(Signal.HEARTBEAT_OK));
        assertThat(to(back)).isEqualTo(DEGRADED);
        assertThat(back.get().reason()).contains("meanwhile CORRECTED_RATE_HIGH (test)");
        assertThat(back.get().evidence()).containsExactly("line 1", "line 2");
    }

    @Test
    void probationEndsHealthyWhenNoErrorCameAndACorrectedErrorStartsItAgain() {
        HostStateMachine m = HostStateMachine.fresh("h1", Duration.ofMinutes(10), MISSED, T0, "first heard of");
        assertThat(m.promoteIfDue(T0.plus(Duration.ofMinutes(9)))).isEmpty();
        now = T0.plus(Duration.ofMinutes(5));
        m.observe(new HealthObservation("h1", now, "test", Signal.CORRECTED_ERROR, "corrected", List.of()));
        assertThat(m.promoteIfDue(T0.plus(Duration.ofMinutes(10)))).as("started again at +5 min").isEmpty();
        Optional<Transition> t = m.promoteIfDue(T0.plus(Duration.ofMinutes(15)));
        assertThat(to(t)).isEqualTo(HEALTHY);
        assertThat(t.get().reason()).isEqualTo("no error for 10 min of probation (probationMinutes in io.vmpool.health)");
        assertThat(m.promoteIfDue(T0.plus(Duration.ofMinutes(30)))).isEmpty();
    }

    @Test
    void anErrorDuringProbationFailsTheHost() {
        HostStateMachine m = HostStateMachine.fresh("h1", Duration.ofMinutes(10), MISSED, T0, "first heard of");
        assertThat(to(m.observe(seen(Signal.UNCORRECTED_ERROR)))).isEqualTo(FAILED);
        assertThat(m.promoteIfDue(T0.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void maintenanceIsSetAndEndedByAnAdminAndGoesBackToWhereItWas() {
        HostStateMachine m = healthy();
        m.observe(seen(Signal.CORRECTED_RATE_HIGH));
        Optional<Transition> on = m.maintenance(true, "alice", now);
        assertThat(to(on)).isEqualTo(MAINTENANCE);
        assertThat(on.get().reason()).isEqualTo("maintenance set by alice");
        assertThat(m.maintenance(true, "alice", now)).as("already").isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(m.observe(seen(Signal.HEARTBEAT_MISSED))).as("rebooting in maintenance").isEmpty();
        }
        m.observe(seen(Signal.HEARTBEAT_OK));
        Optional<Transition> off = m.maintenance(false, "bob", now);
        assertThat(to(off)).isEqualTo(DEGRADED);
        assertThat(off.get().reason()).isEqualTo("maintenance ended by bob");
        assertThat(m.maintenance(false, "bob", now)).isEmpty();
    }

    @Test
    void anErrorDuringMaintenanceIsWhereItGoesAfter() {
        HostStateMachine m = healthy();
        m.maintenance(true, "alice", now);
        assertThat(m.observe(seen(Signal.FATAL_MACHINE_CHECK))).isEmpty();
        assertThat(m.observe(seen(Signal.CORRECTED_RATE_HIGH))).isEmpty();
        assertThat(m.state()).isEqualTo(MAINTENANCE);
        Optional<Transition> off = m.maintenance(false, "alice", now);
        assertThat(to(off)).isEqualTo(FAILED);
        assertThat(off.get().reason()).isEqualTo("maintenance ended by alice; meanwhile FATAL_MACHINE_CHECK (test): "
                + "FATAL_MACHINE_CHECK seen");
    }

    @Test
    void maintenanceOfAnUnreachableHostEndsWhereItWasBeforeIt() {
        HostStateMachine m = unreachable(healthy());
        m.maintenance(true, "alice", now);
        assertThat(to(m.maintenance(false, "alice", now))).isEqualTo(HEALTHY);
    }

    @Test
    void clearingAFailedOrDegradedHostPutsItInProbation() {
        HostStateMachine m = healthy();
        m.observe(seen(Signal.PANIC));
        Transition t = m.clear("alice", "replaced DIMM A1", now);
        assertThat(t.to()).isEqualTo(PROBATION);
        assertThat(t.message(8)).isEqualTo("FAILED -> PROBATION: cleared by alice: replaced DIMM A1; evidence: none");
        assertThat(to(m.promoteIfDue(now))).as("probation 0").isEqualTo(HEALTHY);
        m.observe(seen(Signal.CORRECTED_RATE_HIGH));
        assertThat(m.clear("alice", "watched it", now).from()).isEqualTo(DEGRADED);
    }

    @Test
    void onlyFailedOrDegradedHostsAreCleared() {
        HostStateMachine m = healthy();
        assertThatThrownBy(() -> m.clear("alice", "why not", now)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("host h1 is HEALTHY").hasMessageContaining("only FAILED or DEGRADED hosts are cleared");
    }

    @Test
    void theRecordedStateIsRestoredFromTheNewestHostStateEvent() {
        Instant at = T0.minus(Duration.ofHours(2));
        List<Event> events = List.of(new Event(at.plusSeconds(5), "host:h1", "alert", "x", "FATAL on h1"),
                new Event(at, "host:h1", "host.state", "x", "HEALTHY -> FAILED: PANIC (console): kernel panic; evidence: l"),
                new Event(at.minusSeconds(60), "host:h1", "host.state", "x", "none -> HEALTHY: first heard of"));
        HostStateMachine m = RecordedState.restore("h1", events, Duration.ZERO, MISSED).orElseThrow();
        assertThat(m.state()).isEqualTo(FAILED);
        assertThat(m.since()).isEqualTo(at);
        assertThat(m.reason()).contains("HEALTHY -> FAILED: PANIC");

        HostStateMachine wasUnreachable = RecordedState.restore("h1", List.of(new Event(at, "host:h1", "host.state", "x",
                "DEGRADED -> UNREACHABLE: 3 heartbeats missed")), Duration.ZERO, MISSED).orElseThrow();
        assertThat(wasUnreachable.state()).as("heartbeats decide anew").isEqualTo(DEGRADED);

        HostStateMachine inMaintenance = RecordedState.restore("h1", List.of(new Event(at, "host:h1", "host.state", "x",
                "FAILED -> MAINTENANCE: maintenance set by alice")), Duration.ZERO, MISSED).orElseThrow();
        assertThat(inMaintenance.state()).isEqualTo(MAINTENANCE);
        assertThat(to(inMaintenance.maintenance(false, "alice", now))).isEqualTo(FAILED);

        assertThat(RecordedState.restore("h1", List.of(new Event(at, "host:h1", "host.state", "x", "garbled")),
                Duration.ZERO, MISSED)).isEmpty();
    }

    private HostStateMachine unreachable(HostStateMachine m) {
        for (int i = 0; i < MISSED; i++) {
            m.observe(seen(Signal.HEARTBEAT_MISSED));
        }
        assertThat(m.state()).isEqualTo(UNREACHABLE);
        return m;
    }
}
