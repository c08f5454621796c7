package io.vmpool.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrailingOptionsTest {
    private static final List<String> KNOWN = List.of("--memory", "-m", "--disk", "-d");

    @Test
    void readsSpaceAndEqualsFormsAndShortNames() {
        TrailingOptions t = TrailingOptions.parse(List.of("--memory", "512", "-d=2"), KNOWN);
        assertThat(t.value("--memory", "-m", null)).isEqualTo("512");
        assertThat(t.value("--disk", "-d", null)).isEqualTo("2");
    }

    @Test
    void fallsBackToTheOptionGivenBeforeTheArgument() {
        assertThat(TrailingOptions.parse(null, KNOWN).value("--memory", "-m", "256")).isEqualTo("256");
    }

    @Test
    void refusesUnknownOptionsMissingValuesAndNonNumbers() {
        assertThatThrownBy(() -> TrailingOptions.parse(List.of("--mem", "1"), KNOWN))
                .hasMessageContaining("unexpected '--mem'").hasMessageContaining("--memory");
        assertThatThrownBy(() -> TrailingOptions.parse(List.of("--memory"), KNOWN)).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> TrailingOptions.number("--memory", "lots", null, "MiB"))
                .hasMessage("--memory must be a whole number of MiB, was 'lots'");
        assertThatThrownBy(() -> TrailingOptions.number("--disk", null, null, "GiB"))
                .hasMessage("--disk is required (in GiB)");
        assertThat(TrailingOptions.number("--vcpus", null, 1L, "")).isEqualTo(1);
    }

    @Test
    void aFlagTakesNoValueAndIsNamedAmongTheOptions() {
        TrailingOptions t = TrailingOptions.parse(List.of("--memory", "512", "--wait", "-d", "2"), KNOWN, List.of("--wait"));
        assertThat(t.flag("--wait", false)).isTrue();
        assertThat(t.value("--disk", "-d", null)).isEqualTo("2");
        assertThat(TrailingOptions.parse(List.of("-d", "2"), KNOWN, List.of("--wait")).flag("--wait", false)).isFalse();
        assertThat(TrailingOptions.parse(List.of(), KNOWN, List.of("--wait")).flag("--wait", true)).isTrue();
        assertThatThrownBy(() -> TrailingOptions.parse(List.of("--wiat"), KNOWN, List.of("--wait")))
                .hasMessageContaining("--wait");
    }
}
