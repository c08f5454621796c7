package io.vmpool.health.internal.mce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class McaErrorCodeTest {

    @ParameterizedTest
    @CsvSource({
        "0000, NO_ERROR", "0001, UNCLASSIFIED", "0002, MICROCODE_ROM_PARITY", "0003, EXTERNAL", "0004, FRC",
        "0005, INTERNAL_PARITY", "0006, SMM_HANDLER_CODE_ACCESS_VIOLATION", "0400, INTERNAL_TIMER", "0e0b, IO",
        "0401, INTERNAL_UNCLASSIFIED", "07ff, INTERNAL_UNCLASSIFIED", "0007, UNKNOWN", "0008, UNKNOWN"})
    void simpleCodes(String hex, ErrorClass expected) {
        McaErrorCode code = McaErrorCode.decode(Integer.parseInt(hex, 16));

        assertThat(code.errorClass()).isEqualTo(expected);
        assertThat(code.fields()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "000c | GENERIC_CACHE_HIERARCHY | generic cache hierarchy error: level 0",
        "000f | GENERIC_CACHE_HIERARCHY | generic cache hierarchy error: generic level",
        "0015 | TLB | TLB error: data, level 1",
        "0018 | TLB | TLB error: generic, level 0",
        "009f | MEMORY_CONTROLLER | memory controller error: memory read error, channel not specified",
        "0090 | MEMORY_CONTROLLER | memory controller error: memory read error, channel 0",
        "00c1 | MEMORY_CONTROLLER | memory controller error: memory scrubbing error, channel 1",
        "00a2 | MEMORY_CONTROLLER | memory controller error: memory write error, channel 2",
        "00b3 | MEMORY_CONTROLLER | memory controller error: address/command error, channel 3",
        "0080 | MEMORY_CONTROLLER | memory controller error: generic undefined request, channel 0",
        "0135 | CACHE_HIERARCHY | cache hierarchy error: data read, data, level 1",
        "0151 | CACHE_HIERARCHY | cache hierarchy error: instruction fetch, instruction, level 1",
        "017a | CACHE_HIERARCHY | cache hierarchy error: eviction, generic, level 2",
        "0186 | CACHE_HIERARCHY | cache hierarchy error: snoop, data, level 2",
        "0e0f | BUS_INTERCONNECT | bus/interconnect error: generic participation, request did not time out, "
            + "generic error, other transaction, generic level",
        "0813 | BUS_INTERCONNECT | bus/interconnect error: local processor originated the request, "
            + "request did not time out, generic read, memory access, generic level",
        "0b29 | BUS_INTERCONNECT | bus/interconnect error: local processor responded to the request, "
            + "request timed out, generic write, I/O, level 1",
        "0c00 | BUS_INTERCONNECT | bus/interconnect error: local processor observed the error as a third party, "
            + "request did not time out, generic error, memory access, level 0"})
    void compoundCodes(String hex, ErrorClass expected, String words) {
        McaErrorCode code = McaErrorCode.decode(Integer.parseInt(hex, 16));

        assertThat(code.errorClass()).isEqualTo(expected);
        assertThat(code.filtered()).isFalse();
        assertThat(code.words()).isEqualTo(words);
    }

    @Test
    void filteringBitIsMaskedAndReported() {
        McaErrorCode code = McaErrorCode.decode(0x109f);

        assertThat(code.errorClass()).isEqualTo(ErrorClass.MEMORY_CONTROLLER);
        assertThat(code.filtered()).isTrue();
        assertThat(code.words()).endsWith("channel not specified (filtered)");
        assertThat(code.raw()).isEqualTo(0x109f);
    }

    @Test
    void reservedFieldValuesAreNamedNotInvented() {
        // MMM 101..111 are reserved; RRRR above 1000 too
        assertThat(McaErrorCode.decode(0x00d0).field("MMM").orElseThrow().words()).isEqualTo("reserved MMM value 101");
        assertThat(McaErrorCode.decode(0x01f0).field("RRRR").orElseThrow().words())
                .isEqualTo("reserved RRRR value 1111");
        assertThat(McaErrorCode.decode(0x001c).field("TT").orElseThrow().words()).isEqualTo("reserved transaction type");
    }

    @Test
    void codesOutsideEveryPatternAreUnknown() {
        assertThat(McaErrorCode.decode(0x2000).errorClass()).isEqualTo(ErrorClass.UNKNOWN);
        assertThat(McaErrorCode.decode(0x0200).errorClass()).isEqualTo(ErrorClass.UNKNOWN);
        assertThat(McaErrorCode.decode(0x0020).errorClass()).isEqualTo(ErrorClass.UNKNOWN);
    }
}
