package io.vmpool.lock.local.internal;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockManager;
import io.vmpool.lock.conformance.Feature;
import io.vmpool.lock.conformance.Limit;
import io.vmpool.lock.conformance.LockManagerConformance;
import io.vmpool.lock.conformance.Support;
import java.time.Duration;
import java.util.Map;

/** The lock contract's conformance suite against the in-process manager. */
class LocalLockManagerConformanceTest extends LockManagerConformance {

    @Override
    protected LockManager newManager() {
        return manager(Map.of());
    }

    @Override
    protected LockManager newManager(Limit limit, int value) {
        switch (limit) {
            case LOCKS_PER_OWNER:
                return manager(Map.of("maxLocksPerOwner", value));
            case WAITERS_PER_RESOURCE:
                return manager(Map.of("maxWaitersPerResource", value));
            case LOCKS_PER_NODE:
                return manager(Map.of("maxLocksPerNode", value));
            case MAX_TTL_SECONDS:
                return manager(Map.of("maxTtlSeconds", (long) value));
            case MAX_WAIT_SECONDS:
                return manager(Map.of("maxWaitSeconds", (long) value));
            default:
                throw new IllegalArgumentException("no such limit here: " + limit);
        }
    }

    /** In one JVM a holder "dies" as an owner that is gone: its leases are released, as a session end would. */
    @Override
    protected void killHolder(LockManager manager, Lease lease) {
        ((LocalLockManager) manager).ownerGone(lease.owner());
    }

    @Override
    protected void dispose(LockManager manager) {
        ((LocalLockManager) manager).deactivate();
    }

    /** Hold times are read off the ticking clock (TickingClock), which lags by about a tick, more when its thread waits for a core. */
    @Override
    public Duration statsClockSlack() {
        return Duration.ofSeconds(1);
    }

    @Override
    protected String configurationPid() {
        return LocalLockConfig.PID;
    }

    @Override
    protected Support supports(Feature feature) {
        switch (feature) {
            case SECOND_NODE:
            case DEADLOCK_DETECTION_ACROSS_NODES:
                return Support.no("the local manager lives in one JVM: there is no other node");
            default:
                return Support.yes();
        }
    }

    private static LocalLockManager manager(Map<String, Object> config) {
        return new LocalLockManager(TestConfig.of(LocalLockConfig.class, config), "test-node");
    }
}
