package io.vmpool.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.health.HealthObservation;
import io.vmpool.api.health.HostState;
import io.vmpool.api.health.Signal;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.MachineSpec;
import io.vmpool.api.machine.NoCapacityException;
import io.vmpool.api.placement.FilterFailure;
import io.vmpool.api.placement.HostAssessment;
import io.vmpool.api.placement.PlacementDecision;
import io.vmpool.api.placement.PlacementRequest;
import io.vmpool.health.internal.HealthConfig;
import io.vmpool.health.internal.policy.HealthPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.util.converter.Converters;

/** The maintenance and health filters in the core, with the real health policy of vmpool-health deciding the states. */
class HealthPlacementTest {
    private static final Caller ADMIN = Caller.of("root", "vmpool-admin");

    @TempDir
    Path dir;
    private RealPool pool;
    private HealthPolicy policy;

    @BeforeEach
    void start() throws Exception {
        pool = new RealPool(dir, Map.of(), 8192, 16384);
        policy = new HealthPolicy(pool.inventory, Converters.standardConverter().convert(Map.of()).to(HealthConfig.class));
        pool.machines.bindHealth(policy);
        pool.machines.bindObserver(policy);
        pool.machines.heartbeatNow();
        waitFor(() -> policy.health("host1").isPresent() && policy.health("host2").isPresent(), "both hosts heard of");
    }

    @AfterEach
    void stop() {
        policy.close();
        pool.close();
    }

    @Test
    void aHostInMaintenanceFailsItsOwnFilterAndTheRefusalSaysHowToBringItBack() {
        policy.maintenance("host2", true, "root");
        PlacementDecision d = pool.machines.place(new PlacementRequest(4096, 1, 1), ADMIN);
        assertThat(d.host()).isEqualTo("host1");
        HostAssessment host2 = assessment(d, "host2");
        assertThat(host2.state()).isEqualTo("MAINTENANCE");
        assertThat(host2.failed()).singleElement().satisfies(f -> {
            assertThat(f.filter()).isEqualTo("maintenance");
            assertThat(f.reason()).startsWith("in maintenance: no new machines until host:activate host2 (MAINTENANCE since");
        });
        // 9000 MiB: host1 is too small even empty, host2 would take it but for maintenance
        assertThatThrownBy(() -> pool.machines.create(new MachineSpec("big", 9000, 1, 1, null), ADMIN))
                .isInstanceOf(NoCapacityException.class)
                .hasMessageContaining("(host2 would fit it after host:activate host2)");
        policy.maintenance("host2", false, "root");
        assertThat(pool.machines.create(new MachineSpec("big", 9000, 1, 1, null), ADMIN).host()).isEqualTo("host2");
    }

    @Test
    void aFailedHostFailsTheHealthFilterWithItsStateAndWhy() {
        policy.observe(new HealthObservation("host2", Instant.now(), "console", Signal.FATAL_MACHINE_CHECK,
                "fatal machine check on CPU 0, bank 4", List.of("mce: [Hardware Error]: CPU 0: Machine Check: 0 Bank 4")));
        waitFor(() -> policy.health("host2").map(h -> h.state() == HostState.FAILED).orElse(false), "host2 FAILED");
        PlacementDecision d = pool.machines.place(new PlacementRequest(4096, 1, 1), ADMIN);
        assertThat(d.host()).isEqualTo("host1");
        assertThat(assessment(d, "host2").failed()).extracting(FilterFailure::filter, f -> f.reason().startsWith("FAILED since"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("health", true));
        PlacementDecision none = pool.machines.place(new PlacementRequest(9000, 1, 1), ADMIN);
        assertThat(none.summary()).isEqualTo("no host can take 9,000 MiB: host2 would fit it once it takes machines again"
                + " (now FAILED)");
    }

    @Test
    void machinesOnAnUnreachableHostAreShownUnknownAndRunningAgainWhenItAnswers() {
        String name = pool.machines.create(new MachineSpec("far", 9000, 1, 1, null), ADMIN).name(); // only host2 fits
        assertThat(pool.machines.get(name, ADMIN).host()).isEqualTo("host2");
        for (int i = 0; i < 3; i++) { // missedHeartbeats = 3, as the core's heartbeat posts them
            policy.observe(new HealthObservation("host2", Instant.now(), "heartbeat", Signal.HEARTBEAT_MISSED,
                    "host2 did not answer nodeInfo within 5000 ms", List.of()));
        }
        waitFor(() -> policy.health("host2").map(h -> h.state() == HostState.UNREACHABLE).orElse(false),
                "host2 UNREACHABLE");
        assertThat(pool.machines.get(name, ADMIN).state()).isEqualTo(io.vmpool.api.machine.MachineState.UNKNOWN);
        assertThat(pool.machines.list(ADMIN)).filteredOn(m -> m.name().equals(name))
                .extracting(io.vmpool.api.machine.Machine::state).containsExactly(io.vmpool.api.machine.MachineState.UNKNOWN);
        assertThat(pool.machines.hosts(ADMIN)).filteredOn(h -> h.name().equals("host2"))
                .extracting(io.vmpool.api.machine.HostStatus::health).containsExactly("UNREACHABLE");

        pool.machines.heartbeatNow(); // the real heartbeat: host2 answers again
        waitFor(() -> policy.health("host2").map(h -> h.state() == HostState.HEALTHY).orElse(false), "host2 back");
        assertThat(pool.machines.get(name, ADMIN).state()).isEqualTo(io.vmpool.api.machine.MachineState.RUNNING);
    }

    private static HostAssessment assessment(PlacementDecision d, String host) {
        return d.hosts().stream().filter(h -> h.host().equals(host)).findFirst().orElseThrow();
    }

    private static void waitFor(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20); // between polls; the deadline above bounds the wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
