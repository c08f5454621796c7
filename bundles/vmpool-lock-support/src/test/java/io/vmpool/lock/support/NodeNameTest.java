package io.vmpool.lock.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeNameTest {

    @Test
    void aConfiguredNameWins() {
        assertThat(NodeName.of("  node-a ")).isEqualTo("node-a");
    }

    @Test
    void elseTheHostName() {
        assertThat(NodeName.detect()).isNotBlank();
        assertThat(NodeName.of("")).isEqualTo(NodeName.detect());
        assertThat(NodeName.of(null)).isEqualTo(NodeName.detect());
    }
}
