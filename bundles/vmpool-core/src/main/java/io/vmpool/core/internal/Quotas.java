package io.vmpool.core.internal;

import io.vmpool.api.LimitExceededException;
import io.vmpool.api.inventory.MachineRecord;
import io.vmpool.api.inventory.PendingRequest;
import io.vmpool.api.machine.MachineSpec;
import java.util.List;
import java.util.function.Supplier;

/**
 * Per-owner limits ({@code quotaMachines}, {@code quotaMemoryMiB}; 0 = unlimited): what an owner has recorded plus
 * what they have waiting, except the waiting request of the machine being created (the one the queue boots).
 */
final class Quotas {
    private final int machines;
    private final long memoryMiB;

    Quotas(CoreConfig config) {
        if (config.quotaMachines() < 0 || config.quotaMemoryMiB() < 0) {
            throw new IllegalArgumentException("quotaMachines and quotaMemoryMiB must be 0"
                    + " (unlimited) or more (were " + config.quotaMachines() + ", " + config.quotaMemoryMiB() + "; fix them in "
                    + CoreConfig.PID + ")");
        }
        this.machines = config.quotaMachines();
        this.memoryMiB = config.quotaMemoryMiB();
    }

    /** @throws LimitExceededException when {@code spec} would take {@code owner} over a quota */
    void check(String owner, MachineSpec spec, Supplier<List<MachineRecord>> machinesNow,
            Supplier<List<PendingRequest>> waitingNow) {
        if (machines == 0 && memoryMiB == 0) {
            return; // nothing read when no quota is set
        }
        List<MachineRecord> recorded = machinesNow.get();
        List<PendingRequest> waiting = waitingNow.get();
        long count = 0;
        long memory = 0;
        for (MachineRecord m : recorded) {
            if (m.owner().equals(owner)) {
                count++;
                memory += m.memoryMiB();
            }
        }
        for (PendingRequest r : waiting) {
            if (r.owner().equals(owner) && !r.name().equals(spec.name())) {
                count++;
                memory += r.memoryMiB();
            }
        }
        if (machines > 0 && count + 1 > machines) {
            throw new LimitExceededException("quotaMachines", machines, CoreConfig.PID, owner + " has " + count
                    + " machine(s) and waiting request(s); machine " + spec.name() + " would be one more than allowed");
        }
        if (memoryMiB > 0 && memory + spec.memoryMiB() > memoryMiB) {
            throw new LimitExceededException("quotaMemoryMiB", memoryMiB, CoreConfig.PID, owner + " has " + memory
                    + " MiB in machines and waiting requests; machine " + spec.name() + " with " + spec.memoryMiB()
                    + " MiB would make " + (memory + spec.memoryMiB()) + " MiB");
        }
    }
}
