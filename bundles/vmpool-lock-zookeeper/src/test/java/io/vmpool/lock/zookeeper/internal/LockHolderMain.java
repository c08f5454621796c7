package io.vmpool.lock.zookeeper.internal;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockRequest;
import java.time.Duration;
import java.util.Map;

/**
 * A holder in a process of its own, for {@link HolderProcessKillTest}: takes one exclusive lock,
 * says so on stdout, and holds it until the process is killed.
 * Arguments: connect string, namespace, session timeout in ms, resource.
 */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        ZooKeeperLockManager manager = new ZooKeeperLockManager(TestConfig.of(ZooKeeperLockConfig.class, Map.of(
                "connectString", args[0], "namespace", args[1], "sessionTimeoutMillis", Integer.parseInt(args[2]),
                "connectionTimeoutMillis", 5000, "nodeName", "doomed-process")));
        Lease lease = manager.acquire(LockRequest.exclusive(args[3], "doomed", Duration.ofSeconds(30), Duration.ofMinutes(10)));
        System.out.println("HELD " + lease.token());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
