package io.vmpool.lock.zookeeper.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the ZooKeeper lock manager (PID {@value #PID}): where ZooKeeper is, the session,
 * retries, and limits. Every limit is off (0) by default: only memory and ZooKeeper bound the locks.
 */
@ObjectClassDefinition(id = ZooKeeperLockConfig.PID, name = "vmpool ZooKeeper lock manager",
        description = "Leases on named resources shared by every node of a pool, kept in ZooKeeper")
public @interface ZooKeeperLockConfig {
    String PID = "io.vmpool.lock.zookeeper";

    @AttributeDefinition(name = "Connect string", description = "ZooKeeper servers, host:port[,host:port...]")
    String connectString() default "127.0.0.1:2181";

    @AttributeDefinition(name = "Namespace", description = "Root znode under which every lock lives; all nodes "
            + "of one pool must use the same")
    String namespace() default "vmpool";

    @AttributeDefinition(name = "Session timeout (ms)", description = "ZooKeeper session timeout asked for: a dead "
            + "holder's locks go after about this long (the server bounds it by 2..20 ticks)")
    int sessionTimeoutMillis() default 15000;

    @AttributeDefinition(name = "Connection timeout (ms)", description = "How long an operation waits for a "
            + "connection before it fails")
    int connectionTimeoutMillis() default 10000;

    @AttributeDefinition(name = "Retry base sleep (ms)", description = "First pause of the exponential back-off "
            + "between retries of an operation that lost its connection")
    int retryBaseSleepMillis() default 500;

    @AttributeDefinition(name = "Retry max sleep (ms)", description = "Longest pause between two retries")
    int retryMaxSleepMillis() default 5000;

    @AttributeDefinition(name = "Retries", description = "How often an operation that lost its connection is "
            + "retried before it fails (Curator caps it at 29)")
    int retryMaxRetries() default 3;

    @AttributeDefinition(name = "Node name", description = "This node's name in held() and waiters() (empty: the "
            + "host name)")
    String nodeName() default "";

    @AttributeDefinition(name = "Locks per owner", description = "Most locks one owner may hold or wait for at "
            + "once (0: unlimited)")
    int maxLocksPerOwner() default 0;

    @AttributeDefinition(name = "Waiters per resource", description = "Most requests, from all nodes, that may "
            + "wait for one resource at once (0: unlimited)")
    int maxWaitersPerResource() default 0;

    @AttributeDefinition(name = "Locks per node", description = "Most locks this node may hold or wait for at "
            + "once, all its owners together (0: unlimited)")
    int maxLocksPerNode() default 0;

    @AttributeDefinition(name = "Longest lease (s)", description = "Longest lease time a request or renew may ask "
            + "for, in seconds (0: unlimited)")
    long maxTtlSeconds() default 0;

    @AttributeDefinition(name = "Longest wait (s)", description = "Longest wait an acquire may ask for, in "
            + "seconds; a request asking for more is refused at once (0: unlimited)")
    long maxWaitSeconds() default 0;

    @AttributeDefinition(name = "Default lease (s)", description = "Lease time given by a renew that names no "
            + "time, in seconds")
    long defaultTtlSeconds() default 60;
}
