package io.vmpool.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.Event;
import io.vmpool.api.hypervisor.DomainState;
import io.vmpool.api.inventory.MachineRecord;
import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LeaseLostException;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.StaleTokenException;
import io.vmpool.api.machine.Caller;
import io.vmpool.api.machine.MachineSpec;
import io.vmpool.api.machine.MachineState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A holder whose lease lapsed, or that a newer holder overtook, stops before it touches a backend. */
class FencingTest {
    private static final Caller ALICE = Caller.of("alice", "vmpool-user");

    @TempDir
    Path dir;
    private RealPool pool;

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void anOperationUnderAnOlderTokenThanTheInventorySawIsRefusedAndTouchesNothing() throws Exception {
        pool = new RealPool(dir, Map.of(), 8192);
        pool.machines.create(new MachineSpec("web1", 512, 1, 1, null), ALICE);
        pool.inventory.advanceFence("web1", Long.MAX_VALUE / 2); // a newer holder acted on web1

        assertThatThrownBy(() -> pool.machines.stop("web1", ALICE))
                .isInstanceOf(StaleTokenException.class).hasMessageContaining("this lease is stale");
        assertThat(pool.host("host1").hypervisor().state("web1")).contains(DomainState.RUNNING);
        assertThat(pool.machines.get("web1", ALICE).state()).isEqualTo(MachineState.RUNNING);
        assertThat(pool.locks.held()).isEmpty();
    }

    @Test
    void aCreateWhoseLeaseLapsedStopsAndLeavesTheRestToTheReconciler() throws Exception {
        pool = new RealPool(dir, Map.of(), 8192);
        Instant now = Instant.now();
        MachineRecord placed = new MachineRecord("slow", "alice", MachineState.PROVISIONING, "host1", 512, 1, 1, null,
                UUID.randomUUID(), now, now, "being created");
        pool.inventory.insert(placed);
        Lease lapsing = pool.router.acquire(LockRequest.exclusive("machine:slow", "op-x:alice", Duration.ZERO,
                Duration.ofMillis(50)));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (lapsing.isValid() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(lapsing.isValid()).as("the lease lapsed").isFalse();

        Provisioner provisioner = new Provisioner(pool.inventory);
        assertThatThrownBy(() -> provisioner.provision(placed, pool.host("host1"), pool.storage,
                new Fence(pool.inventory, "slow", lapsing), "alice"))
                .isInstanceOf(LeaseLostException.class).hasMessageContaining("was lost before the step 'create the disk");
        assertThat(pool.imageFiles()).isEmpty();
        assertThat(pool.host("host1").hypervisor().state("slow")).isEmpty();
        assertThat(pool.inventory.find("slow")).get().extracting(MachineRecord::state).isEqualTo(MachineState.PROVISIONING);
        assertThat(pool.inventory.events("machine:slow", 1)).extracting(Event::type).containsExactly("machine.create-stopped");

        assertThat(pool.machines.reconcileAll()).isEqualTo(1);
        assertThat(pool.inventory.find("slow")).isEmpty();
        lapsing.close();
    }

    @Test
    void tokensKeepGrowingAcrossABackendSwap() throws Exception {
        pool = new RealPool(dir, Map.of(), 8192);
        long before;
        try (Lease l = pool.router.acquire(LockRequest.exclusive("machine:x", "op-1", Duration.ZERO, Duration.ofSeconds(5)))) {
            before = l.token();
        }
        var fresh = new io.vmpool.lock.local.internal.LocalLockManager(org.osgi.util.converter.Converters
                .standardConverter().convert(Map.of()).to(io.vmpool.lock.local.internal.LocalLockConfig.class));
        pool.router.bindLockManager(fresh, Map.of("service.ranking", 100)); // its own counter starts again at 1
        try (Lease l = pool.router.acquire(LockRequest.exclusive("machine:x", "op-2", Duration.ZERO, Duration.ofSeconds(5)))) {
            assertThat(l.token()).isGreaterThan(before);
        }
    }
}
