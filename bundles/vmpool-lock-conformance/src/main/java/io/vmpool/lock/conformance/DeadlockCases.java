package io.vmpool.lock.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.api.lock.DeadlockException;
import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockManager;
import io.vmpool.api.lock.LockRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Deadlocks: a wait-for cycle is refused with a {@link DeadlockException} that says the cycle in
 * words, found well within the waiter's wait; the others proceed once the refused one lets go; a
 * chain is not a cycle.
 */
public interface DeadlockCases extends ConformanceFixture {
    /** The wait of the requests in a cycle: the refusal must come well before it ends. */
    Duration CYCLE_WAIT = Duration.ofSeconds(30);

    @Test
    default void aTwoOwnerDeadlockIsRefusedWithTheCycle() throws Exception {
        require(Feature.DEADLOCK_DETECTION);
        assertOneRefused(cycle(manager(), manager(), "op-7:alice", "machine:a", "op-8:bob", "machine:b"));
        assertThat(manager().stats().deadlocks()).isEqualTo(1);
    }

    @Test
    default void aDeadlockAcrossNodesIsRefused() throws Exception {
        require(Feature.SECOND_NODE);
        require(Feature.DEADLOCK_DETECTION_ACROSS_NODES);
        assertOneRefused(cycle(manager(), peer(), "op-7:alice", "machine:a", "op-8:bob", "machine:b"));
    }

    @Test
    default void aThreeOwnerDeadlockIsRefusedWithTheCycle() throws Exception {
        require(Feature.DEADLOCK_DETECTION);
        LockManager m = manager();
        String[] owners = {"op-1:ann", "op-2:ben", "op-3:cat"};
        String[] resources = {"machine:x", "machine:y", "machine:z"};
        List<Lease> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(exclusive(m, resources[i], owners[i]));
        }
        List<Future<Outcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            outcomes.add(waitInCycle(m, owners[i], resources[(i + 1) % 3], held.get(i)));
        }
        List<Outcome> results = outcomes(outcomes);

        Outcome refused = refusedOne(results);
        int i = List.of(owners).indexOf(refused.owner());
        String next = owners[(i + 1) % 3];
        String last = owners[(i + 2) % 3];
        assertThat(refused.deadlock()).hasMessage("deadlock: " + owners[i] + " waits for " + resources[(i + 1) % 3]
                + " held by " + next + ", which waits for " + resources[(i + 2) % 3] + " held by " + last
                + ", which waits for " + resources[i] + " held by " + owners[i]);
        assertThat(refused.deadlock().cycle()).hasSize(3);
    }

    /** A holds x; B holds y and waits for x; C waits for y: a chain, nobody is refused, all get through. */
    @Test
    default void aChainIsNotADeadlock() throws Exception {
        require(Feature.DEADLOCK_DETECTION);
        LockManager m = manager();
        Lease ax = exclusive(m, "machine:x", "op-1:a");
        Lease by = exclusive(m, "machine:y", "op-2:b");
        Future<Lease> bx = queue(m, LockRequest.exclusive("machine:x", "op-2:b", CYCLE_WAIT, TTL));
        Future<Lease> cy = queue(m, LockRequest.exclusive("machine:y", "op-3:c", CYCLE_WAIT, TTL));
        assertThat(waiter(m, "op-3:c").waitingFor()).containsExactly("op-2:b");

        ax.close();
        get(bx).close();
        by.close();
        assertThat(get(cy).isValid()).isTrue();
        assertThat(m.stats().deadlocks()).isZero();
    }

    /**
     * Owner 1 holds r1 and then waits for r2; owner 2 holds r2 and then (once owner 1 waits) asks for r1.
     * Each that is refused lets go of what it holds.
     */
    private List<Outcome> cycle(LockManager m1, LockManager m2, String o1, String r1, String o2, String r2)
            throws Exception {
        Lease l1 = exclusive(m1, r1, o1);
        Lease l2 = exclusive(m2, r2, o2);
        Future<Outcome> first = waitInCycle(m1, o1, r2, l1);
        await(o1 + " waits for " + r2, () -> waiter(m1, o1) != null || first.isDone());
        Future<Outcome> second = waitInCycle(m2, o2, r1, l2);
        return outcomes(List.of(first, second));
    }

    private void assertOneRefused(List<Outcome> results) {
        Outcome refused = refusedOne(results);
        Outcome other = results.get(0) == refused ? results.get(1) : results.get(0);
        assertThat(refused.deadlock()).hasMessage("deadlock: " + refused.owner() + " waits for " + refused.wanted()
                + " held by " + other.owner() + ", which waits for " + other.wanted() + " held by " + refused.owner());
        assertThat(refused.deadlock().cycle()).containsExactly(
                refused.owner() + " waits for " + refused.wanted() + " held by " + other.owner(),
                other.owner() + " waits for " + other.wanted() + " held by " + refused.owner());
    }

    private Outcome refusedOne(List<Outcome> results) {
        List<Outcome> refused = results.stream().filter(o -> o.deadlock() != null).toList();
        assertThat(refused).as("requests refused with a DeadlockException").hasSize(1);
        assertThat(results).filteredOn(o -> o.deadlock() == null)
                .allSatisfy(o -> assertThat(o.granted()).as("%s got what it waited for", o.owner()).isTrue());
        assertThat(refused.get(0).nanos()).as("refused well before its wait ended (ns)")
                .isLessThan(CYCLE_WAIT.toNanos() / 2);
        return refused.get(0);
    }

    /** In a thread: {@code owner} asks for {@code wanted}; refused, it releases {@code holding}; granted, it releases both. */
    private Future<Outcome> waitInCycle(LockManager m, String owner, String wanted, Lease holding) {
        return threads().submit(() -> {
            long start = System.nanoTime();
            try (Lease got = m.acquire(LockRequest.exclusive(wanted, owner, CYCLE_WAIT, TTL))) {
                holding.close();
                return new Outcome(owner, wanted, null, got.isValid(), System.nanoTime() - start);
            } catch (DeadlockException e) {
                long nanos = System.nanoTime() - start;
                holding.close();
                return new Outcome(owner, wanted, e, false, nanos);
            }
        });
    }

    private List<Outcome> outcomes(List<Future<Outcome>> futures) throws Exception {
        List<Outcome> out = new ArrayList<>();
        for (Future<Outcome> f : futures) {
            out.add(f.get(CYCLE_WAIT.toSeconds() + 10, TimeUnit.SECONDS));
        }
        return out;
    }

    /** What became of one request in a cycle: refused with {@code deadlock}, or {@code granted}, after {@code nanos}. */
    record Outcome(String owner, String wanted, DeadlockException deadlock, boolean granted, long nanos) {
    }
}
