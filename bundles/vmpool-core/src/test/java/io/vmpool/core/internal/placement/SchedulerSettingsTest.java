package io.vmpool.core.internal.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The configured names: every wrong value is refused with its key, what it may be, and the PID. */
class SchedulerSettingsTest {
    private static final String PID = "io.vmpool.core";

    @Test
    void theDefaultsGiveMostFreeWithEveryFilterAndNPlusKOff() {
        Scheduler s = SchedulerSettings.scheduler("most-free", "maintenance,health,memory,n-plus-k", 0, PID);
        assertThat(s.weigher().name()).isEqualTo("most-free");
        assertThat(s.nPlusK()).isZero();
        assertThat(SchedulerSettings.scheduler(" packing ", "memory, n-plus-k", 2, PID).nPlusK()).isEqualTo(2);
    }

    @Test
    void wrongValuesNameTheKeyAndThePid() {
        assertThatThrownBy(() -> SchedulerSettings.scheduler("spread", "memory", 0, PID))
                .hasMessage("placementWeigher 'spread' is not one of [most-free, packing] (fix it in io.vmpool.core)");
        assertThatThrownBy(() -> SchedulerSettings.scheduler("most-free", "memory,cpu", 0, PID))
                .hasMessageContaining("placementFilters names 'cpu'").hasMessageContaining(PID);
        assertThatThrownBy(() -> SchedulerSettings.scheduler("most-free", "health", 0, PID))
                .hasMessageContaining("placementFilters must include memory").hasMessageContaining(PID);
        assertThatThrownBy(() -> SchedulerSettings.scheduler("most-free", "memory", -1, PID))
                .hasMessageContaining("nPlusK must be 0 (off) or more, was -1").hasMessageContaining(PID);
        assertThatThrownBy(() -> SchedulerSettings.scheduler("most-free", "memory,health", 1, PID))
                .hasMessageContaining("nPlusK is 1 but placementFilters").hasMessageContaining(PID);
    }
}
