package io.vmpool.core.internal.placement;

import static io.vmpool.core.internal.placement.Pools.chosen;
import static io.vmpool.core.internal.placement.Pools.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.api.placement.HostAssessment;
import io.vmpool.api.placement.PlacementDecision;
import io.vmpool.api.placement.PlacementRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** most-free and packing, the index against the scan, and the same choice in the explanation. */
class WeighersTest {

    @Test
    void mostFreeTakesTheHostWithTheMostFreeMemoryThenFewerMachinesThenName() {
        var small = healthy("host1", 8192, 512);              // 7680 free
        var big = healthy("host2", 16384, 512, 10000);         // 5872 free
        assertThat(chosen(Pools.mostFree(), List.of(big, small), 512)).isEqualTo("host1");
        var a = healthy("a", 4096, 0, 512, 512);
        var b = healthy("b", 4096, 0, 1024);
        var c = healthy("c", 4096, 0, 1024);
        assertThat(chosen(Pools.mostFree(), List.of(c, a, b), 100)).isEqualTo("b");
    }

    @Test
    void packingTakesTheLeastFreeMemoryThatStillHoldsTheMachine() {
        var roomy = healthy("roomy", 16384, 0);
        var snug = healthy("snug", 8192, 0, 6144);   // 2048 free
        var tooSmall = healthy("tiny", 8192, 0, 7680); // 512 free
        Scheduler packing = Pools.scheduler("packing", 0);
        assertThat(chosen(packing, List.of(roomy, snug, tooSmall), 1024)).isEqualTo("snug");
        assertThat(chosen(packing, List.of(roomy, snug, tooSmall), 4096)).isEqualTo("roomy");
        PlacementDecision d = packing.explain(List.of(roomy, snug, tooSmall), new PlacementRequest(1024, 1, 1));
        assertThat(d.weigher()).isEqualTo("packing");
        assertThat(d.hosts()).extracting(HostAssessment::host).startsWith("snug", "roomy");
        assertThat(d.hosts().get(0).score()).isGreaterThan(d.hosts().get(1).score());
    }

    @Test
    void theIndexTheScanAndTheExplanationChooseTheSameHostOnRandomPools() {
        Random random = new Random(6);
        for (String weigher : List.of("most-free", "packing")) {
            for (int k = 0; k <= 2; k++) {
                Scheduler s = Pools.scheduler(weigher, k);
                for (int round = 0; round < 200; round++) {
                    List<HostLoad> hosts = randomPool(random);
                    long mib = 256L * (1 + random.nextInt(16));
                    String indexed = chosen(s, hosts, mib);
                    HostLoad scanned = s.chooseByScan(hosts, mib);
                    String explained = s.explain(hosts, new PlacementRequest(mib, 1, 1)).host();
                    assertThat(indexed).as("%s N+%d round %d", weigher, k, round)
                            .isEqualTo(scanned == null ? null : scanned.name()).isEqualTo(explained);
                }
            }
        }
    }

    private static List<HostLoad> randomPool(Random random) {
        int n = 1 + random.nextInt(12);
        List<HostLoad> hosts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long memory = 1024L * (2 + random.nextInt(4) * 2);
            long[] machines = new long[random.nextInt(6)];
            for (int m = 0; m < machines.length; m++) {
                machines[m] = 256L * (1 + random.nextInt(4));
            }
            String state = random.nextInt(8) == 0 ? "MAINTENANCE" : random.nextInt(8) == 0 ? "FAILED" : "HEALTHY";
            hosts.add(HostLoad.of("h" + i, state, state.equals("HEALTHY") ? null : state + " since t: x", memory, 512,
                    machines));
        }
        return hosts;
    }
}
