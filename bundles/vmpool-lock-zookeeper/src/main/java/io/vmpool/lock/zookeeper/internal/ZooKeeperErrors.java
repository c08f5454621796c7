package io.vmpool.lock.zookeeper.internal;

import io.vmpool.api.BackendException;
import io.vmpool.api.LimitExceededException;
import io.vmpool.api.VmpoolException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Quotas;
import org.apache.zookeeper.StatsTrack;

/**
 * Turns what ZooKeeper or Curator threw into vmpool errors that keep ZooKeeper's words: resource
 * exhaustion on the server (a hard quota, request throttling) becomes a {@link LimitExceededException}
 * naming the server's limit, a lost connection or any other refusal a {@link BackendException}.
 */
final class ZooKeeperErrors {
    static final String BACKEND = "zookeeper";

    private final CuratorFramework client;
    private final ConnectionSettings settings;

    ZooKeeperErrors(CuratorFramework client, ConnectionSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** The error to throw for {@code e}, which happened while doing {@code what} (e.g. "acquire lock 'x'"). */
    RuntimeException translate(String what, Exception e) {
        if (e instanceof VmpoolException v) {
            return v;
        }
        if (e instanceof KeeperException k) {
            switch (k.code()) {
                case QUOTAEXCEEDED:
                    return quotaExceeded(what, k);
                case THROTTLEDOP:
                    return new LimitExceededException("zookeeper.request_throttle_max_requests", -1,
                            "the ZooKeeper servers' settings (" + settings.connectString() + ")",
                            "ZooKeeper throttled the request to " + what + ": the servers have more requests in "
                                    + "flight than they accept (-1: the value is set on the server)");
                case CONNECTIONLOSS:
                case SESSIONEXPIRED:
                case OPERATIONTIMEOUT:
                case SESSIONMOVED:
                    return new BackendException(BACKEND, "could not " + what + ": lost the connection to ZooKeeper at "
                            + settings.connectString() + " (" + k.getMessage() + "; retried "
                            + settings.retryMaxRetries() + " times, connectionTimeoutMillis "
                            + settings.connectionTimeoutMillis() + " in " + ZooKeeperLockConfig.PID
                            + "; a server refuses connections past its maxClientCnxns too)", k);
                default:
                    return new BackendException(BACKEND, "could not " + what + ": ZooKeeper said " + k.getMessage(), k);
            }
        }
        return new BackendException(BACKEND, "could not " + what + " through ZooKeeper at " + settings.connectString()
                + ": " + e, e);
    }

    /** Finds the hard quota that was hit on the failed path or one of its parents, for the message. */
    private LimitExceededException quotaExceeded(String what, KeeperException k) {
        String failed = k.getPath() == null ? "/" + settings.namespace() : k.getPath();
        String quotaPath = null;
        long value = -1;
        String kind = "count or bytes";
        try {
            CuratorFramework root = client.usingNamespace(null);
            for (String p = failed; !p.isEmpty() && !p.equals("/"); p = ZKPaths.getPathAndNode(p).getPath()) {
                byte[] limits = root.checkExists().forPath(Quotas.limitPath(p)) == null ? null
                        : root.getData().forPath(Quotas.limitPath(p));
                if (limits != null) {
                    StatsTrack st = new StatsTrack(limits);
                    quotaPath = p;
                    if (st.getCountHardLimit() >= 0) {
                        value = st.getCountHardLimit();
                        kind = "count";
                    } else {
                        value = st.getByteHardLimit();
                        kind = "bytes";
                    }
                    break;
                }
            }
        } catch (Exception lookup) {
            // the quota stays unknown (-1); the message still says what happened
        }
        String where = quotaPath == null ? "a ZooKeeper quota above " + failed : "the ZooKeeper quota on " + quotaPath;
        return new LimitExceededException("zookeeper quota (" + kind + ")", value,
                where + " (setquota/delquota in zkCli)", "ZooKeeper refused to " + what + ": " + k.getMessage());
    }
}
