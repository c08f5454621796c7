package io.vmpool.core.internal.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * N+1 reusing one packing per host: on random small pools, every placement it accepts leaves every host's machines
 * restartable (checked by exhaustive search), and it accepts at least what a fresh best-fit-decreasing check per
 * failed host after the placement accepts.
 */
class RestartWitnessesTest {

    @Test
    void whatNPlusOneAcceptsIsRestartableAndNoLessThanAFreshCheckAccepts() {
        Random random = new Random(61);
        NPlusKFilter n1 = new NPlusKFilter(1, "nPlusK=1 in io.vmpool.core");
        int accepted = 0;
        int refused = 0;
        for (int round = 0; round < 3000; round++) {
            List<HostLoad> pool = new ArrayList<>();
            int hosts = 2 + random.nextInt(4);
            for (int i = 0; i < hosts; i++) {
                long[] machines = new long[random.nextInt(4)];
                for (int m = 0; m < machines.length; m++) {
                    machines[m] = 512L * (1 + random.nextInt(4));
                }
                pool.add(HostLoad.of("h" + i, "HEALTHY", null, 1024L * (2 + random.nextInt(4)), 0, machines));
            }
            long mib = 512L * (1 + random.nextInt(4));
            PlacementContext context = new PlacementContext(mib, pool);
            for (HostLoad candidate : pool) {
                if (candidate.freeMiB() < mib) {
                    continue;
                }
                List<HostLoad> after = pool.stream().map(h -> h == candidate ? h.plus(mib) : h).toList();
                boolean accepts = n1.refusal(candidate, context) == null;
                if (accepts) {
                    accepted++;
                    assertThat(everyHostRestartable(after)).as("round %d on %s", round, candidate.name()).isTrue();
                } else {
                    refused++;
                    assertThat(freshCheckAccepts(after)).as("round %d on %s", round, candidate.name()).isFalse();
                }
            }
        }
        assertThat(accepted).isGreaterThan(100);
        assertThat(refused).isGreaterThan(100);
    }

    private static boolean freshCheckAccepts(List<HostLoad> after) {
        for (HostLoad failed : after) {
            FreeMemory free = new FreeMemory();
            after.stream().filter(h -> h != failed).forEach(h -> free.add(h.freeMiB()));
            if (failed.machines() > 0 && !RestartCheck.fits(failed.machineMiB(), free)) {
                return false;
            }
        }
        return true;
    }

    private static boolean everyHostRestartable(List<HostLoad> after) {
        for (HostLoad failed : after) {
            long[] bins = after.stream().filter(h -> h != failed).mapToLong(HostLoad::freeMiB).toArray();
            if (!packs(failed.machineMiB(), 0, bins)) {
                return false;
            }
        }
        return true;
    }

    /** Exhaustive: whether machines[i..] can be put on the bins. */
    private static boolean packs(long[] machines, int i, long[] bins) {
        if (i == machines.length) {
            return true;
        }
        for (int b = 0; b < bins.length; b++) {
            if (bins[b] >= machines[i]) {
                bins[b] -= machines[i];
                boolean ok = packs(machines, i + 1, bins);
                bins[b] += machines[i];
                if (ok) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void thePackingsAreLeftAsTheyWereFoundAfterEveryCheck() {
        List<HostLoad> pool = List.of(Pools.healthy("a", 8192, 0, 2048, 2048), Pools.healthy("b", 8192, 0, 2048),
                Pools.healthy("c", 8192, 0));
        PlacementContext context = new PlacementContext(1024, pool);
        NPlusKFilter n1 = new NPlusKFilter(1, "nPlusK=1");
        List<String> first = new ArrayList<>();
        List<String> again = new ArrayList<>();
        for (HostLoad h : pool) {
            first.add(String.valueOf(n1.refusal(h, context)));
        }
        for (HostLoad h : pool) {
            again.add(String.valueOf(n1.refusal(h, context)));
        }
        assertThat(again).isEqualTo(first);
        RestartWitnesses w = context.memo(RestartWitnesses.class, () -> null);
        assertThat(w.free.largest()).isEqualTo(8192);
        assertThat(Arrays.asList(w.host(0).name(), w.host(2).name())).containsExactly("a", "c");
    }
}
