package io.vmpool.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.machine.MachineSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MachineValidatorTest {
    private final MachineValidator validator = new MachineValidator(TestConfigs.core());

    @ParameterizedTest
    @ValueSource(strings = {"a", "web1", "web-1", "a23456789012345678901234567890123456789012345678901234567890123"})
    void acceptsNamesThatFollowTheRule(String name) {
        assertThatCode(() -> validator.validate(new MachineSpec(name, 512, 1, 2, null), "alice")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1web", "Web", "web_1", "web.1", "-web", "a'b", "<script>", "web 1",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void refusesNamesThatBreakTheRule(String name) {
        assertThatThrownBy(() -> validator.validate(new MachineSpec(name, 512, 1, 2, null), "alice"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("name");
                    assertThat(e.getMessage()).doesNotContain("<", ">");
                });
    }

    @Test
    void sizesMustBePositiveAndWithinConfiguredMaxima() {
        expectField(new MachineSpec("a", 0, 1, 2, null), "memoryMiB", "must be positive");
        expectField(new MachineSpec("a", -5, 1, 2, null), "memoryMiB", "must be positive");
        expectField(new MachineSpec("a", 512, 0, 2, null), "vcpus", "must be positive");
        expectField(new MachineSpec("a", 512, 1, 0, null), "diskGiB", "must be positive");
        expectField(new MachineSpec("a", 65537, 1, 2, null), "memoryMiB", "maxMemoryMiB in io.vmpool.core");
        expectField(new MachineSpec("a", 512, 33, 2, null), "vcpus", "maxVcpus in io.vmpool.core");
        expectField(new MachineSpec("a", 512, 1, 2049, null), "diskGiB", "maxDiskGiB in io.vmpool.core");
    }

    @Test
    void ownerMustBePresent() {
        assertThatThrownBy(() -> validator.validate(new MachineSpec("a", 512, 1, 2, null), " "))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("owner"));
    }

    private void expectField(MachineSpec spec, String field, String text) {
        assertThatThrownBy(() -> validator.validate(spec, "alice"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(text);
                });
    }
}
