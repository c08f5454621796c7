package io.vmpool.core.internal.placement;

import static io.vmpool.core.internal.placement.Pools.chosen;
import static io.vmpool.core.internal.placement.Pools.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.api.placement.FilterFailure;
import io.vmpool.api.placement.HostAssessment;
import io.vmpool.api.placement.PlacementDecision;
import io.vmpool.api.placement.PlacementRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** N+1 and N+2: a placement is refused when some host's (or two hosts') machines could not restart elsewhere. */
class NPlusKTest {

    @Test
    void nPlusOneRefusesAPlacementAfterWhichOneHostsMachinesCouldNotRestartOnTheOther() {
        // the distribution's hosts: 7680 and 15872 MiB after their reserve; host2 already holds 4096
        var host1 = healthy("host1", 8192, 512);
        var host2 = healthy("host2", 16384, 512, 4096);
        Scheduler n1 = Pools.scheduler("most-free", 1);
        // 3072 more on host2: 7168 there, which host1's 7680 can take if host2 fails
        assertThat(chosen(n1, List.of(host1, host2), 3072)).isEqualTo("host2");
        // 4096 more: on host2, 8192 would not fit on host1; on host1, host2's 4096 would not fit in its 3584 left
        assertThat(chosen(Pools.mostFree(), List.of(host1, host2), 4096)).isEqualTo("host2");
        assertThat(chosen(n1, List.of(host1, host2), 4096)).isNull();
        PlacementDecision d = n1.explain(List.of(host1, host2), new PlacementRequest(4096, 1, 1));
        assertThat(d.host()).isNull();
        HostAssessment h2 = d.hosts().stream().filter(h -> h.host().equals("host2")).findFirst().orElseThrow();
        assertThat(h2.failed()).singleElement().satisfies(f -> {
            assertThat(f.filter()).isEqualTo("n-plus-k");
            assertThat(f.reason()).isEqualTo("N+1: if host2 failed, its 2 machines (8,192 MiB, the largest 4,096 MiB)"
                    + " could not all restart on the other usable hosts (the most free there: 7,680 MiB;"
                    + " nPlusK=1 in io.vmpool.core)");
        });
        HostAssessment h1 = d.hosts().stream().filter(h -> h.host().equals("host1")).findFirst().orElseThrow();
        assertThat(h1.failed()).extracting(FilterFailure::reason).singleElement().asString()
                .isEqualTo("N+1: if host2 failed, its 1 machine (4,096 MiB, the largest 4,096 MiB) could not all restart"
                        + " on the other usable hosts (the most free there: 3,584 MiB; nPlusK=1 in io.vmpool.core)");
        assertThat(d.summary()).isEqualTo("no host can take 4,096 MiB: host2 would fit it without N+1"
                + " (nPlusK in io.vmpool.core)");
    }

    @Test
    void nPlusOneUsesFirstFitDecreasingSoSeveralHostsShareAFailedHostsMachines() {
        var a = healthy("a", 4096, 0, 2048, 2048);   // 0 free
        var b = healthy("b", 4096, 0, 2048);         // 2048 free
        var c = healthy("c", 4096, 0, 2048);         // 2048 free
        Scheduler n1 = Pools.scheduler("most-free", 1);
        // a's two 2048 machines restart one on b, one on c: the pool is N+1 now; one more 1024 anywhere breaks it
        assertThat(chosen(n1, List.of(a, b, c), 1024)).isNull();
        var d = healthy("d", 8192, 0);
        assertThat(chosen(n1, List.of(a, b, c, d), 1024)).isEqualTo("d");
    }

    @Test
    void aPoolThatCannotLoseAHostRefusesEveryPlacementAndSaysSoWithTheHint() {
        Scheduler n1 = Pools.scheduler("most-free", 1);
        PlacementDecision d = n1.explain(List.of(healthy("only", 8192, 512)), new PlacementRequest(512, 1, 1));
        assertThat(d.host()).isNull();
        assertThat(d.hosts().get(0).failed()).extracting(FilterFailure::reason).singleElement().asString()
                .contains("N+1 needs more than 1 usable hosts", "there is 1");
        assertThat(d.summary()).isEqualTo("no host can take 512 MiB: only would fit it without N+1 (nPlusK in io.vmpool.core)");
        assertThat(d.missingMiB()).isZero();
    }

    @Test
    void nPlusTwoKeepsRoomForTheTwoHeaviestHostsTogether() {
        // four hosts of 8192, no reserve. a and b hold 3072 each, c and d 1024 each.
        var a = healthy("a", 8192, 0, 3072);
        var b = healthy("b", 8192, 0, 3072);
        var c = healthy("c", 8192, 0, 1024);
        var d = healthy("d", 8192, 0, 1024);
        List<HostLoad> pool = List.of(a, b, c, d);
        Scheduler n1 = Pools.scheduler("most-free", 1);
        Scheduler n2 = Pools.scheduler("most-free", 2);
        // 6144 on c: c holds 7168, and if a and c fail, 10240 must fit on b (5120) and d (7168): no
        assertThat(chosen(n1, pool, 6144)).isEqualTo("c");
        PlacementDecision two = n2.explain(pool, new PlacementRequest(6144, 1, 1));
        assertThat(two.nPlusK()).isEqualTo(2);
        assertThat(two.host()).isNull();
        assertThat(two.hosts()).filteredOn(h -> h.host().equals("c") || h.host().equals("d"))
                .hasSize(2).allSatisfy(h -> assertThat(h.failed()).extracting(FilterFailure::filter)
                        .containsExactly("n-plus-k"));
        assertThat(two.hosts()).filteredOn(h -> h.host().equals("a") || h.host().equals("b"))
                .hasSize(2).allSatisfy(h -> assertThat(h.failed()).extracting(FilterFailure::filter)
                        .containsExactly("memory"));
        assertThat(two.hosts().get(0).failed().get(0).reason())
                .isEqualTo("N+2: if d and c failed, their 3 machines (8,192 MiB, the largest 6,144 MiB) could not all"
                        + " restart on the other usable hosts (the most free there: 5,120 MiB; nPlusK=2 in io.vmpool.core)");
        // 2048 on c: losing a and b (6144) fits on c (5120) and d (7168), losing a and c too: N+2 holds
        assertThat(chosen(n2, pool, 2048)).isEqualTo("c");
    }

    @Test
    void theNPlusKFilterSkipsHostsThatFailedOthersAndIgnoresUnusableHostsAsRestartTargets() {
        var maint = HostLoad.of("maint", "MAINTENANCE", "MAINTENANCE since t: by root", 65536, 0);
        var a = healthy("a", 8192, 0, 4096);
        var b = healthy("b", 8192, 0);
        Scheduler n1 = Pools.scheduler("most-free", 1);
        // b takes 4096: then a's 4096 must fit on b's 4096 left (yes) and b's 4096 on a's 4096 (yes)
        assertThat(chosen(n1, List.of(maint, a, b), 4096)).isEqualTo("b");
        // 4097 on b: b's machine no longer fits on a's 4096; the empty maintenance host does not count
        PlacementDecision d = n1.explain(List.of(maint, a, b), new PlacementRequest(4097, 1, 1));
        assertThat(d.host()).isNull();
        HostAssessment m = d.hosts().stream().filter(h -> h.host().equals("maint")).findFirst().orElseThrow();
        assertThat(m.failed()).extracting(FilterFailure::filter).containsExactly("maintenance");
    }
}
