package io.vmpool.core.internal;

import io.vmpool.api.BackendException;
import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.hypervisor.Hypervisor;
import io.vmpool.api.hypervisor.HypervisorProvider;
import io.vmpool.api.hypervisor.NodeInfo;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configured pool host and its hypervisor connection. The connection is opened at activation
 * and, when that fails, again on the next use, so a host that was down comes back by itself.
 * Connecting can hang (a frozen host, a half-open TCP connection): it runs outside this object's
 * monitor, one attempt at a time, so the node facts and the problem stay readable meanwhile
 * (host:list, placement) and a heartbeat that gave up can still mark the host unreachable.
 */
@Component(service = PoolHost.class, configurationPid = HostConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = HostConfig.class, factory = true)
public class PoolHost {
    private static final Logger LOG = LoggerFactory.getLogger(PoolHost.class);
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");

    private final String name;
    private final String uri;
    private final long reservedMemoryMiB;
    private final HypervisorProvider provider;
    private Hypervisor hypervisor;
    private NodeInfo node;
    private String problem;
    private boolean closed;
    /** Held while connecting, never with this object's monitor held: one attempt at a time. */
    private final Object connecting = new Object();

    @Activate
    public PoolHost(@Reference HypervisorProvider provider, HostConfig config) {
        this(provider, config.name(), config.uri(), config.reservedMemoryMiB());
    }

    PoolHost(HypervisorProvider provider, String name, String uri, long reservedMemoryMiB) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidRequestException("name", NAME.pattern(),
                    "host name '" + name + "' in " + HostConfig.PID + " must match " + NAME.pattern());
        }
        if (uri == null || uri.isBlank()) {
            throw new InvalidRequestException("uri", "required", "host " + name + " has no uri in " + HostConfig.PID);
        }
        if (reservedMemoryMiB < 0) {
            throw new InvalidRequestException("reservedMemoryMiB", ">= 0",
                    "host " + name + ": reservedMemoryMiB must be >= 0, was " + reservedMemoryMiB);
        }
        this.provider = provider;
        this.name = name;
        this.uri = uri;
        this.reservedMemoryMiB = reservedMemoryMiB;
        tryConnect();
    }

    public String name() {
        return name;
    }

    public String uri() {
        return uri;
    }

    public long reservedMemoryMiB() {
        return reservedMemoryMiB;
    }

    /** The connected hypervisor; reconnects when the last attempt failed. */
    public Hypervisor hypervisor() {
        Hypervisor h = connectedOrConnect();
        if (h == null) {
            throw new BackendException("hypervisor " + name, "host " + name + " (" + uri + ") is unreachable: " + problem());
        }
        return h;
    }

    /** The connection, connecting first when there is none; null when that failed. */
    private Hypervisor connectedOrConnect() {
        Hypervisor h = connected();
        if (h == null) {
            tryConnect();
            h = connected();
        }
        return h;
    }

    private synchronized Hypervisor connected() {
        return hypervisor;
    }

    /** Node facts from the last successful connection, or null when it never connected. */
    public synchronized NodeInfo node() {
        return node;
    }

    /** Why the host cannot be used, or null. */
    public synchronized String problem() {
        return problem;
    }

    /** Marks the connection broken after a failed call so the next use reconnects. */
    public synchronized void connectionFailed(RuntimeException e) {
        if (hypervisor != null && !hypervisor.isAlive()) {
            LOG.warn("host {} connection lost: {}", name, e.getMessage());
            closeQuietly();
            problem = e.getMessage();
        }
    }

    /**
     * One cheap call to the host (node facts; connecting first if the last attempt failed). Throws on
     * failure after dropping the connection, so the next use reconnects. Not synchronized with the
     * other calls: a hung host must not block the lookups placement makes.
     */
    NodeInfo heartbeat() {
        Hypervisor h = connectedOrConnect();
        if (h == null) {
            throw new BackendException("hypervisor " + name, "cannot connect to " + uri + ": " + problem());
        }
        try {
            NodeInfo n = h.nodeInfo();
            synchronized (this) {
                node = n;
                problem = null;
            }
            return n;
        } catch (RuntimeException e) {
            heartbeatMissed(e.getMessage());
            throw e;
        }
    }

    /** A heartbeat failed or took too long: the host is unreachable until a use or heartbeat reconnects. */
    synchronized void heartbeatMissed(String why) {
        if (problem == null) {
            LOG.warn("host {}: heartbeat missed ({}); dropping the connection", name, why);
        }
        problem = why;
        closeQuietly();
    }

    /** Connects unless connected (or closed); the slow part holds only {@link #connecting}. */
    private void tryConnect() {
        synchronized (connecting) {
            synchronized (this) {
                if (hypervisor != null || closed) {
                    return;
                }
            }
            Hypervisor h = null;
            NodeInfo n;
            try {
                h = provider.connect(uri);
                n = h.nodeInfo();
            } catch (RuntimeException e) {
                closeQuietly(h);
                synchronized (this) {
                    problem = e.getMessage();
                }
                LOG.warn("host {}: cannot connect to {}: {}", name, uri, e.getMessage());
                return;
            }
            synchronized (this) {
                if (!closed) {
                    hypervisor = h;
                    node = n;
                    problem = null;
                    return;
                }
            }
            closeQuietly(h); // closed while connecting
        }
    }

    @Deactivate
    synchronized void close() {
        closed = true;
        closeQuietly();
    }

    private void closeQuietly() {
        closeQuietly(hypervisor);
        hypervisor = null;
    }

    private void closeQuietly(Hypervisor h) {
        if (h != null) {
            try {
                h.close();
            } catch (RuntimeException e) {
                LOG.debug("host {}: closing connection: {}", name, e.getMessage());
            }
        }
    }
}
