package io.vmpool.lock.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.lock.DeadlockException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitStepTest {

    @Test
    void aStepSaysWhoWaitsForWhat() {
        assertThat(new WaitStep("op-7:alice", "machine:b", "op-8:bob", true))
                .hasToString("op-7:alice waits for machine:b held by op-8:bob");
        assertThat(new WaitStep("op-7:alice", "machine:b", "op-9", false).relation())
                .isEqualTo("waits for machine:b behind op-9 (queued ahead)");
    }

    @Test
    void aCycleReadsAsOneSentence() {
        List<WaitStep> cycle = List.of(new WaitStep("op-7:alice", "machine:b", "op-8:bob", true),
                new WaitStep("op-8:bob", "machine:a", "op-7:alice", true));

        assertThat(WaitStep.sentence(cycle)).isEqualTo("deadlock: op-7:alice waits for machine:b held by op-8:bob, "
                + "which waits for machine:a held by op-7:alice");
    }

    @Test
    void theRefusalCarriesTheSentenceAndTheSteps() {
        List<WaitStep> cycle = List.of(new WaitStep("a", "x", "b", true), new WaitStep("b", "y", "c", false),
                new WaitStep("c", "z", "a", true));

        DeadlockException e = WaitStep.deadlock(cycle);

        assertThat(e).hasMessage("deadlock: a waits for x held by b, which waits for y behind c (queued ahead), "
                + "which waits for z held by a");
        assertThat(e.cycle()).containsExactly("a waits for x held by b", "b waits for y behind c (queued ahead)",
                "c waits for z held by a");
    }

    @Test
    void anEmptyCycleIsAProgrammingError() {
        assertThatThrownBy(() -> WaitStep.sentence(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
