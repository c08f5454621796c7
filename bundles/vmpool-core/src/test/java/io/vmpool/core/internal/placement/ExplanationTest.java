package io.vmpool.core.internal.placement;

import static io.vmpool.core.internal.placement.Pools.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.api.placement.Assessments;
import io.vmpool.api.placement.FilterFailure;
import io.vmpool.api.placement.HostAssessment;
import io.vmpool.api.placement.PlacementDecision;
import io.vmpool.api.placement.PlacementRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The indexed explanation against the scan that asks every filter of every host and sorts: the same hosts in
 * the same order with the same failures, scores, summary and missing memory, over seeded random pools with
 * ties in free memory, hosts in maintenance and failed, both weighers, N+k off and on.
 */
class ExplanationTest {

    /** A pool of {@code n} hosts whose free memory often ties (sizes in steps of 1 GiB). */
    private static List<HostLoad> pool(Random random, int n) {
        List<HostLoad> hosts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long[] machines = new long[random.nextInt(5)];
            for (int m = 0; m < machines.length; m++) {
                machines[m] = 1024L * (1 + random.nextInt(4));
            }
            int roll = random.nextInt(10);
            String state = roll == 0 ? "MAINTENANCE" : roll == 1 ? "FAILED" : roll == 2 ? "DEGRADED" : "HEALTHY";
            String problem = switch (state) {
                case "MAINTENANCE" -> random.nextBoolean() ? null : "MAINTENANCE since t: by root";
                case "FAILED" -> "FAILED since t: panic";
                case "DEGRADED" -> random.nextBoolean() ? null : "DEGRADED since t: corrected errors";
                default -> null;
            };
            hosts.add(HostLoad.of("h" + random.nextInt(1000), state, problem, 1024L * (4 + random.nextInt(12)), 1024,
                    machines));
        }
        return hosts;
    }

    @Test
    void theIndexedExplanationIsTheScansOnRandomPools() {
        Random random = new Random(42);
        int placed = 0;
        int refused = 0;
        for (int round = 0; round < 600; round++) {
            List<HostLoad> hosts = pool(random, random.nextInt(12));
            Scheduler s = Pools.scheduler(random.nextBoolean() ? "most-free" : "packing", random.nextInt(3) == 0 ? 1 : 0);
            PlacementRequest request = new PlacementRequest(1024L * (1 + random.nextInt(14)), 1, 1);
            PlacementDecision fast = s.explain(s.index(hosts), request);
            PlacementDecision scan = s.explainByScan(hosts, request);
            String what = "round " + round + ", " + s.weigher().name() + " N+" + s.nPlusK() + ", " + request + ", " + hosts;
            assertThat(fast.hosts()).as(what).isInstanceOf(Assessments.class).hasSize(hosts.size());
            assertThat(List.copyOf(fast.hosts())).as(what).isEqualTo(List.copyOf(scan.hosts()));
            assertThat(fast.summary()).as(what).isEqualTo(scan.summary());
            assertThat(fast.missingMiB()).as(what).isEqualTo(scan.missingMiB());
            assertThat(fast.host()).as(what).isEqualTo(scan.host()).isEqualTo(Pools.chosen(s, hosts, request.memoryMiB()));
            HostLoad byScan = s.chooseByScan(hosts, request.memoryMiB());
            assertThat(fast.host()).as(what).isEqualTo(byScan == null ? null : byScan.name());
            if (fast.host() == null) {
                refused++;
            } else {
                placed++;
            }
        }
        assertThat(placed).isGreaterThan(100);
        assertThat(refused).isGreaterThan(100);
    }

    @Test
    void everyHostIsListedOnceEligibleFirstThenTheRefusedMostFreeFirstWithWhatTheyFailed() {
        HostLoad full = healthy("full", 8192, 1024, 6144); // 1 GiB free
        HostLoad big = healthy("big", 16384, 1024, 1024); // 14 GiB free
        HostLoad small = healthy("small", 8192, 1024); // 7 GiB free
        HostLoad maint = HostLoad.of("maint", "MAINTENANCE", null, 32768, 1024); // 31 GiB free
        HostLoad failed = HostLoad.of("failed", "FAILED", "FAILED since t: panic", 4096, 1024); // 3 GiB free
        Scheduler s = Pools.mostFree();
        PlacementDecision d = s.explain(s.index(List.of(full, big, small, maint, failed)), new PlacementRequest(2048, 1, 1));

        assertThat(d.hosts()).extracting(HostAssessment::host).containsExactly("big", "small", "maint", "failed", "full");
        assertThat(d.hosts().get(0).score()).isEqualTo(14336 - 2048);
        assertThat(d.hosts().get(2).failed()).extracting(FilterFailure::filter).containsExactly("maintenance");
        assertThat(d.hosts().get(3).failed()).extracting(FilterFailure::toString)
                .containsExactly("health: FAILED since t: panic");
        assertThat(d.hosts().get(4).failed()).extracting(FilterFailure::toString)
                .containsExactly("memory: needs 2048 MiB, has 1024 MiB free of 8192 (6144 allocated, 1024 reserved)");
        assertThat(d.hosts().get(4)).as("read twice, the same").isEqualTo(d.hosts().get(4));
        assertThat(d.summary()).isEqualTo("big: 12,288 MiB free of 16,384 after this 2,048 MiB machine (most-free; 2 of 5"
                + " hosts could take it)");
    }

    @Test
    void aRefusalNamesTheNearestHostAndTheStateThatKeepsABiggerOneOut() {
        HostLoad a = healthy("a", 8192, 1024, 4096); // 3 GiB free
        HostLoad b = healthy("b", 8192, 1024, 2048); // 5 GiB free
        HostLoad maint = HostLoad.of("m", "MAINTENANCE", null, 16384, 1024); // 15 GiB free
        Scheduler s = Pools.mostFree();
        PlacementDecision d = s.explain(s.index(List.of(a, b, maint)), new PlacementRequest(6144, 1, 1));
        assertThat(d.host()).isNull();
        assertThat(d.missingMiB()).isEqualTo(1024);
        assertThat(d.summary()).isEqualTo("no host can take 6,144 MiB: 1,024 MiB missing: b would fit it after 1,024 MiB"
                + " are freed there; m would fit it after host:activate m");
    }

    @Test
    void aRequestLargerThanEveryHostSaysSoWithTheLargest() {
        Scheduler s = Pools.mostFree();
        PlacementDecision d = s.explain(s.index(List.of(healthy("a", 8192, 1024), HostLoad.of("m", "MAINTENANCE", null,
                16384, 1024))), new PlacementRequest(20480, 1, 1));
        assertThat(d.summary()).isEqualTo("no host can take 20,480 MiB: it is larger than any host's memory after its"
                + " reserve (the largest: 15,360 MiB)");
        assertThat(s.explain(s.index(List.of()), new PlacementRequest(1024, 1, 1)).summary())
                .isEqualTo("no host can take it: the pool has no hosts");
    }
}
