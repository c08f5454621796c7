package io.vmpool.shell.internal;

import io.vmpool.api.lock.LockService;
import io.vmpool.api.lock.LockStats;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** lock:stats — counters and wait/hold times of the active backend. */
@Service
@Command(scope = "lock", name = "stats", description = "Shows lock counts and wait/hold times of the active backend")
public class LockStatsCommand implements Action {

    @Reference
    LockService locks;

    @Override
    public Object execute() {
        LockStats s = locks.active().stats();
        System.out.println("Backend   : " + locks.backend().name());
        System.out.println("Held      : " + s.held());
        System.out.println("Waiting   : " + s.waiting());
        System.out.println("Granted   : " + s.granted());
        System.out.println("Timed out : " + s.timedOut());
        System.out.println("Lapsed    : " + s.lapsed());
        System.out.println("Deadlocks : " + s.deadlocks());
        System.out.println("Wait      : mean " + s.meanWait().toMillis() + " ms, max " + s.maxWait().toMillis() + " ms");
        System.out.println("Hold      : mean " + s.meanHold().toMillis() + " ms, max " + s.maxHold().toMillis() + " ms");
        return null;
    }
}
