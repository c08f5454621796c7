package io.vmpool.health.internal.mce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class McaStatusTest {

    @Test
    void correctedMemoryReadErrorFromTheIssue() {
        McaStatus status = McaStatus.of(0x9c0000000000009fL);

        assertThat(status.flags()).containsExactlyInAnyOrder(StatusFlag.VAL, StatusFlag.EN, StatusFlag.MISCV,
                StatusFlag.ADDRV);
        assertThat(status.severity()).isEqualTo(Severity.CORRECTED);
        assertThat(status.recoveryClass()).isEmpty();
        assertThat(status.errorCode().errorClass()).isEqualTo(ErrorClass.MEMORY_CONTROLLER);
        assertThat(status.errorCode().words())
                .isEqualTo("memory controller error: memory read error, channel not specified");
        assertThat(status.hex()).isEqualTo("9c0000000000009f");
    }

    @Test
    void everyFlagBitIsItsOwn() {
        for (StatusFlag flag : StatusFlag.values()) {
            assertThat(McaStatus.of(1L << flag.bit()).flags()).containsExactly(flag);
        }
    }

    @Test
    void correctedCountAndModelSpecificBits() {
        McaStatus status = McaStatus.of(0x9c00004000010135L);

        assertThat(status.correctedCount()).isEqualTo(1);
        assertThat(status.modelSpecific()).isEqualTo(0x0001);
        assertThat(McaStatus.of(0x7fffL << 38).correctedCount()).isEqualTo(0x7fff);
        assertThat(McaStatus.of(0x7fffL << 38).flags()).isEmpty();
    }

    @Test
    void severityFollowsUcAndPcc() {
        assertThat(McaStatus.of(0xbe00000000800090L).severity()).isEqualTo(Severity.FATAL);
        // PCC alone is fatal, whatever UC says
        assertThat(McaStatus.of(0x8200000000000090L).severity()).isEqualTo(Severity.FATAL);
        assertThat(McaStatus.of(0xbd000000000000c1L).severity()).isEqualTo(Severity.UNCORRECTED_RECOVERABLE);
    }

    @Test
    void recoveryClassFromSAndAr() {
        assertThat(McaStatus.of(0xbd000000000000c1L).recoveryClass()).contains(RecoveryClass.SRAO);
        assertThat(McaStatus.of(0xbd800000000000c1L).recoveryClass()).contains(RecoveryClass.SRAR);
        assertThat(McaStatus.of(0xbc000000000000c1L).recoveryClass()).contains(RecoveryClass.UCNA);
        assertThat(McaStatus.of(0xbf000000000000c1L).recoveryClass()).isEmpty();
    }
}
