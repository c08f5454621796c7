package io.vmpool.lock.zookeeper.internal;

import io.vmpool.api.LimitExceededException;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ZKConfig;

/**
 * ZooKeeper's own bound on one resource's queue. A client refuses any reply longer than its
 * {@code jute.maxbuffer} (1 MiB by default) and drops the connection, which would suspend the
 * session and cost this node every lease. So a queue whose child list would not fit in one reply
 * is refused before it gets there, as an explicit limit, instead of losing the session.
 */
final class PacketLimit {
    /** Bytes one child name takes in a getChildren reply: 4 for its length, then Curator's protected name. */
    private static final int BYTES_PER_CHILD = 4 + "_c_00000000-0000-0000-0000-000000000000-EX-0000000000".length();

    private final int maxBuffer;

    PacketLimit(int maxBuffer) {
        this.maxBuffer = maxBuffer;
    }

    /** The limit this JVM's ZooKeeper clients use. */
    static PacketLimit ofClients() {
        return new PacketLimit(new ZKClientConfig().getInt(ZKConfig.JUTE_MAXBUFFER,
                ZKClientConfig.CLIENT_MAX_PACKET_LENGTH_DEFAULT));
    }

    /** How many requests one resource may have before its listing would no longer fit one reply. */
    int maxChildren() {
        return (maxBuffer - 1024) / BYTES_PER_CHILD; // 1 KiB for the reply's header and stat
    }

    boolean fits(int children) {
        return children < maxChildren();
    }

    LimitExceededException tooMany(String resource, int children) {
        return new LimitExceededException("jute.maxbuffer", maxBuffer,
                "the jute.maxbuffer system property of this JVM (ZooKeeper client)",
                "lock '" + resource + "' already has " + children + " requests; one more could not be listed in a "
                        + "single ZooKeeper reply (at most " + maxChildren() + "). Set maxWaitersPerResource in "
                        + ZooKeeperLockConfig.PID + " to refuse waiters earlier");
    }
}
