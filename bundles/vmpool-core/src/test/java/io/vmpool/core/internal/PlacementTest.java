package io.vmpool.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.machine.HostRefusal;
import io.vmpool.api.machine.NoCapacityException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementTest {

    @Test
    void choosesTheHostWithTheMostFreeMemoryAfterAllocationsAndReserve() {
        var small = new HostSnapshot("host1", 8192, 512, 0, 0, null);      // 7680 free
        var big = new HostSnapshot("host2", 16384, 512, 10000, 3, null);   // 5872 free
        assertThat(Placement.choose(List.of(big, small), "web1", 512).name()).isEqualTo("host1");
    }

    @Test
    void reserveIsNeverGivenAway() {
        var h = new HostSnapshot("host1", 8192, 1024, 6656, 1, null);      // exactly 512 free
        assertThat(Placement.choose(List.of(h), "web1", 512).name()).isEqualTo("host1");
        assertThatThrownBy(() -> Placement.choose(List.of(h), "web1", 513)).isInstanceOf(NoCapacityException.class);
    }

    @Test
    void tiesGoToTheHostWithFewerMachinesThenByName() {
        var a = new HostSnapshot("a", 4096, 0, 1024, 2, null);
        var b = new HostSnapshot("b", 4096, 0, 1024, 1, null);
        var c = new HostSnapshot("c", 4096, 0, 1024, 1, null);
        assertThat(Placement.choose(List.of(c, a, b), "x", 100).name()).isEqualTo("b");
    }

    @Test
    void refusalNamesEveryHostWithWhatItHadFree() {
        var h1 = new HostSnapshot("host1", 8192, 512, 7000, 5, null);
        var h2 = new HostSnapshot("host2", 16384, 512, 0, 0, "unreachable: connection refused");
        assertThatThrownBy(() -> Placement.choose(List.of(h1, h2), "big", 100_000))
                .isInstanceOfSatisfying(NoCapacityException.class, e -> {
                    assertThat(e.refusals()).extracting(HostRefusal::host).containsExactlyInAnyOrder("host1", "host2");
                    assertThat(e.refusals()).filteredOn(r -> r.host().equals("host1"))
                            .singleElement().satisfies(r -> {
                                assertThat(r.freeMemoryMiB()).isEqualTo(680);
                                assertThat(r.reason()).contains("needs 100000 MiB", "680 MiB free");
                            });
                    assertThat(e.getMessage()).contains("no host can take machine big", "host1", "host2",
                            "connection refused");
                });
    }

    @Test
    void unreachableHostIsSkippedEvenWhenItLooksEmpty() {
        var down = new HostSnapshot("down", 65536, 0, 0, 0, "unreachable: timeout");
        var up = new HostSnapshot("up", 2048, 0, 0, 0, null);
        assertThat(Placement.choose(List.of(down, up), "x", 1024).name()).isEqualTo("up");
    }

    @Test
    void emptyPoolSaysSo() {
        assertThatThrownBy(() -> Placement.choose(List.of(), "x", 1))
                .isInstanceOf(NoCapacityException.class).hasMessageContaining("the pool has no hosts");
    }
}
