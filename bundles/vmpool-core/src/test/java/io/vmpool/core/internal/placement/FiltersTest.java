package io.vmpool.core.internal.placement;

import static io.vmpool.core.internal.placement.Pools.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.api.placement.FilterFailure;
import io.vmpool.api.placement.HostAssessment;
import io.vmpool.api.placement.PlacementDecision;
import io.vmpool.api.placement.PlacementRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each filter on its own: who passes, who fails and the reason in words. */
class FiltersTest {
    private static final PlacementContext ASK_512 = new PlacementContext(512, List.of());

    @Test
    void memoryCountsEveryMachineAndTheReserveAndNeverGivesTheReserveAway() {
        MemoryFilter f = new MemoryFilter();
        HostLoad exact = healthy("host1", 8192, 1024, 4096, 2560); // exactly 512 free
        assertThat(f.refusal(exact, ASK_512)).isNull();
        assertThat(f.refusal(exact, new PlacementContext(513, List.of())))
                .isEqualTo("needs 513 MiB, has 512 MiB free of 8192 (6656 allocated, 1024 reserved)");
    }

    @Test
    void healthPassesHealthyAndRefusesWithTheStateAndWhyButLeavesMaintenanceToItsOwnFilter() {
        HealthFilter f = new HealthFilter();
        assertThat(f.refusal(healthy("ok", 4096, 0), ASK_512)).isNull();
        HostLoad failed = HostLoad.of("bad", "FAILED", "FAILED since 2026-12-01T10:00:00Z: panic", 4096, 0);
        assertThat(f.refusal(failed, ASK_512)).isEqualTo("FAILED since 2026-12-01T10:00:00Z: panic");
        HostLoad down = HostLoad.of("down", "UNREACHABLE", "unreachable: connection refused", 0, 0);
        assertThat(f.refusal(down, ASK_512)).isEqualTo("unreachable: connection refused");
        HostLoad maint = HostLoad.of("m", "MAINTENANCE", "MAINTENANCE since now: by root", 4096, 0);
        assertThat(f.refusal(maint, ASK_512)).isNull();
    }

    @Test
    void maintenanceIsItsOwnReasonAndSaysHowToLeaveIt() {
        MaintenanceFilter f = new MaintenanceFilter();
        HostLoad maint = HostLoad.of("host2", "MAINTENANCE", "MAINTENANCE since 2026-12-01T10:00:00Z: by root", 4096, 0);
        assertThat(f.refusal(maint, ASK_512)).isEqualTo("in maintenance: no new machines until host:activate host2"
                + " (MAINTENANCE since 2026-12-01T10:00:00Z: by root)");
        assertThat(f.refusal(healthy("ok", 4096, 0), ASK_512)).isNull();
    }

    @Test
    void aDegradedHostTakesMachinesOnlyWhenTheHealthViewSaysSo() {
        // the core's HostHealthView applies placeOnDegraded: a DEGRADED host without a problem takes machines
        HealthFilter f = new HealthFilter();
        assertThat(f.refusal(HostLoad.of("d", "DEGRADED", null, 4096, 0), ASK_512)).isNull();
        assertThat(f.refusal(HostLoad.of("d", "DEGRADED", "DEGRADED since t: corrected errors", 4096, 0), ASK_512))
                .startsWith("DEGRADED since");
    }

    @Test
    void theExplanationListsEveryFailedFilterOfEveryHost() {
        HostLoad maintAndFull = HostLoad.of("host1", "MAINTENANCE", "MAINTENANCE since t: by root", 2048, 512, 1024);
        HostLoad ok = healthy("host2", 8192, 512);
        PlacementDecision d = Pools.mostFree().explain(List.of(maintAndFull, ok), new PlacementRequest(1024, 1, 1));
        assertThat(d.host()).isEqualTo("host2");
        HostAssessment h1 = d.hosts().stream().filter(h -> h.host().equals("host1")).findFirst().orElseThrow();
        assertThat(h1.failed()).extracting(FilterFailure::filter).containsExactly("maintenance", "memory");
        assertThat(h1.score()).isNull();
        assertThat(h1.state()).isEqualTo("MAINTENANCE");
        assertThat(d.hosts().get(0).host()).isEqualTo("host2");
        assertThat(d.hosts().get(0).score()).isEqualTo(8192 - 512 - 1024);
    }
}
