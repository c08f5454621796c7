package io.vmpool.lock.zookeeper.internal;

import io.vmpool.api.lock.Lease;
import io.vmpool.api.lock.LockInfo;
import io.vmpool.api.lock.LockManager;
import io.vmpool.api.lock.LockRequest;
import io.vmpool.api.lock.LockStats;
import io.vmpool.api.lock.LockWaiter;
import io.vmpool.lock.support.LockErrors;
import io.vmpool.lock.support.LockLimits;
import io.vmpool.lock.support.NodeName;
import java.time.Duration;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock manager shared by every node of a pool, on ZooKeeper through Curator (ranking 100: it
 * takes over from the local one, -100, once installed). Rules, paths, tokens and what a lost
 * session does are described in docs/zookeeper.md. A change of limits applies in place; a change
 * of the connection settings reconnects, which ends this node's leases as a lost session would.
 */
@Component(service = LockManager.class, configurationPid = ZooKeeperLockConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = "service.ranking:Integer=100")
@Designate(ocd = ZooKeeperLockConfig.class)
public final class ZooKeeperLockManager implements LockManager {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperLockManager.class);

    private final ZooKeeperMetrics metrics = new ZooKeeperMetrics();
    private volatile LockLimits limits;
    private volatile LockSession session;
    private ConnectionSettings settings; // guarded by this
    private String node; // guarded by this

    @Activate
    public ZooKeeperLockManager(ZooKeeperLockConfig config) {
        limits = limitsOf(config);
        settings = ConnectionSettings.of(config);
        node = NodeName.of(config.nodeName());
        session = LockSession.open(this, settings, node, metrics);
        LOG.info("ZooKeeper lock manager on node {}: {}, {}", node, settings, limits);
    }

    @Modified
    synchronized void modified(ZooKeeperLockConfig config) {
        LockLimits nextLimits = limitsOf(config);
        ConnectionSettings nextSettings = ConnectionSettings.of(config);
        String nextNode = NodeName.of(config.nodeName());
        limits = nextLimits;
        if (!nextSettings.equals(settings) || !nextNode.equals(node)) {
            LockSession old = session;
            settings = nextSettings;
            node = nextNode;
            session = LockSession.open(this, settings, node, metrics);
            old.close("the connection settings in " + ZooKeeperLockConfig.PID + " changed: reconnecting");
        }
        LOG.info("ZooKeeper lock manager reconfigured on node {}: {}, {}", node, settings, limits);
    }

    @Deactivate
    synchronized void deactivate() {
        session.close("the ZooKeeper lock manager stopped");
    }

    /** Connected to ZooKeeper now; vmpool's core does not switch to this backend before it is. */
    @Override
    public boolean isAvailable() {
        return session.client().getZookeeperClient().isConnected();
    }

    @Override
    public Lease acquire(LockRequest request) throws InterruptedException {
        return session.acquire(request, limits);
    }

    /** Extends the lease by {@code ttl} from now (a null ttl means {@code defaultTtlSeconds}) and records it in its znode. */
    @Override
    public Lease renew(Lease lease, Duration ttl) {
        ZooKeeperLease own = own(lease);
        return own.home().renew(own, limits.renewal(own.resource(), ttl));
    }

    @Override
    public void release(Lease lease) {
        own(lease).close();
    }

    /** Every lock held now, by any node (read from ZooKeeper). */
    @Override
    public List<LockInfo> held() {
        return session.held();
    }

    /** Every request waiting now, of any node, with the owners it waits for (read from ZooKeeper). */
    @Override
    public List<LockWaiter> waiters() {
        return session.waiters();
    }

    /** This node's counters since the manager started. */
    @Override
    public LockStats stats() {
        return metrics.snapshot();
    }

    @Override
    public String backend() {
        return "zookeeper";
    }

    /** Deletes the znodes of every holder of {@code resource}, whichever node holds it. */
    @Override
    public int forceRelease(String resource) {
        return session.forceRelease(resource);
    }

    /** For tests: the Curator client of the current session. */
    LockSession currentSession() {
        return session;
    }

    /** For tests: how many times the session was suspended or lost. */
    long sessionLosses() {
        return metrics.sessionLosses();
    }

    private ZooKeeperLease own(Lease lease) {
        if (lease instanceof ZooKeeperLease z && z.home().issuedBy(this)) {
            return z;
        }
        throw LockErrors.notOurs(lease);
    }

    private static LockLimits limitsOf(ZooKeeperLockConfig c) {
        return new LockLimits(ZooKeeperLockConfig.PID, c.maxLocksPerOwner(), c.maxLocksPerNode(),
                c.maxWaitersPerResource(), c.maxTtlSeconds(), c.maxWaitSeconds(),
                Duration.ofSeconds(c.defaultTtlSeconds()));
    }
}
