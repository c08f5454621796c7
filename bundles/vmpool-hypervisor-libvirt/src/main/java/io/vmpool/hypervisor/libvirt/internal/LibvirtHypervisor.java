package io.vmpool.hypervisor.libvirt.internal;

import io.vmpool.api.hypervisor.DomainInfo;
import io.vmpool.api.hypervisor.DomainSpec;
import io.vmpool.api.hypervisor.DomainState;
import io.vmpool.api.hypervisor.Hypervisor;
import io.vmpool.api.hypervisor.HypervisorException;
import io.vmpool.api.hypervisor.NodeInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.libvirt.Domain;
import org.libvirt.ErrorCallback;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One libvirt host as a vmpool {@link Hypervisor}, over a single libvirt connection kept for the life of
 * this object (a test:///&lt;file&gt; host keeps its domains in that connection and loses them with it).
 *
 * <p>Threads: libvirt itself allows one {@code virConnectPtr} to be used by many threads at once, and
 * libvirt-java reads each error from libvirt's per-thread last error, so calls run concurrently under
 * a read lock. What is not thread-safe is libvirt-java's {@code Connect.close()}: it frees the native
 * connection and then nulls a plain field, so a call racing with it could use freed memory. Hence
 * the native close runs only under the write lock, and every call after close() fails cleanly.
 */
final class LibvirtHypervisor implements Hypervisor {

    private static final Logger LOG = LoggerFactory.getLogger(LibvirtHypervisor.class);

    private final String uri;
    private final LibvirtConnection connect;
    private final DomainXml domainXml;
    /**
     * Replaces libvirt's default handler, which prints every error (even "Domain not found" from
     * {@link #state}) to the process's stderr. Held here because JNA frees a callback's native stub
     * once the Java object is collected, and libvirt keeps calling it as long as the connection lives.
     */
    private final ErrorCallback quietErrors = new ErrorCallback();
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    /** Makes "is the name free, then define" one step for callers of this object. */
    private final Object defineLock = new Object();
    private final Duration closeWait;
    /** Set first by {@link #close()}: from then on calls fail at once. */
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param closeWait how long {@link #close()} waits for the connection to close (zero: not at all)
     */
    LibvirtHypervisor(String uri, LibvirtConnection connect, DomainXml domainXml, Duration closeWait)
            throws LibvirtException {
        this.uri = uri;
        this.connect = connect;
        this.domainXml = domainXml;
        this.closeWait = closeWait;
        connect.setConnectionErrorCallback(quietErrors);
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public NodeInfo nodeInfo() {
        return call("read the node's info", () -> {
            org.libvirt.NodeInfo node = connect.nodeInfo();
            return new NodeInfo(connect.getHostName(), node.model, node.cpus, node.memory / 1024, connect.getType());
        });
    }

    /**
     * libvirt treats a define with the name and uuid of an existing domain as an update of that
     * domain; the API promises a failure, so that case is refused here. Any other clash (same name,
     * other uuid; same uuid, other name) libvirt refuses in its own words.
     */
    @Override
    public void define(DomainSpec spec) {
        String what = "define domain '" + spec.name() + "'";
        String xml = domainXml.toXml(spec);
        synchronized (defineLock) {
            call(what, () -> {
                Optional<String> existingUuid = uuidOf(spec.name());
                if (existingUuid.isPresent() && existingUuid.get().equalsIgnoreCase(spec.uuid().toString())) {
                    throw new HypervisorException(uri, what + ": domain '" + spec.name()
                            + "' is already defined with uuid " + existingUuid.get() + " (vmpool does not redefine)", null);
                }
                free(connect.domainDefineXML(xml));
                return null;
            });
        }
    }

    @Override
    public void start(String domain) {
        onDomain(domain, "start domain '" + domain + "'", Domain::create);
    }

    @Override
    public void shutdown(String domain) {
        onDomain(domain, "shut down domain '" + domain + "'", d -> {
            d.shutdown();
            return null;
        });
    }

    @Override
    public void destroy(String domain) {
        onDomain(domain, "destroy domain '" + domain + "'", d -> {
            d.destroy();
            return null;
        });
    }

    /** Refuses an active domain: libvirt would keep it running as a transient domain that vmpool no longer sees defined. */
    @Override
    public void undefine(String domain) {
        String what = "undefine domain '" + domain + "'";
        onDomain(domain, what, d -> {
            DomainState state = DomainReader.state(d);
            if (state.isActive()) {
                throw new HypervisorException(uri, what + ": the domain is " + state
                        + "; destroy it or shut it down first", null);
            }
            d.undefine();
            return null;
        });
    }

    @Override
    public Optional<DomainState> state(String domain) {
        return call("read the state of domain '" + domain + "'", () -> {
            try {
                return Optional.of(inDomain(connect.domainLookupByName(domain), DomainReader::state));
            } catch (LibvirtException e) {
                if (LibvirtErrors.isNoDomain(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** Active and inactive domains by name; a domain that vanishes while being listed is left out. */
    @Override
    public List<DomainInfo> domains() {
        return call("list domains", () -> {
            Map<String, DomainInfo> found = new TreeMap<>();
            for (String name : connect.inactiveDomainNames()) {
                readIfPresent(() -> connect.domainLookupByName(name)).ifPresent(i -> found.put(i.name(), i));
            }
            for (int id : connect.activeDomainIds()) {
                readIfPresent(() -> connect.domainLookupByID(id)).ifPresent(i -> found.put(i.name(), i));
            }
            return List.copyOf(found.values());
        });
    }

    /**
     * {@code virConnectIsAlive} alone is not enough: without an event loop nobody reads the socket,
     * so a remote connection whose daemon died still says "alive" until a call fails. The version
     * query is one cheap round trip to the daemon (or an in-process call for test:///).
     */
    @Override
    public boolean isAlive() {
        if (closed.get()) {
            return false;
        }
        Lock lock = lifecycle.readLock();
        lock.lock();
        try {
            return !closed.get() && connect.isAlive() && connect.getLibVersion() > 0;
        } catch (LibvirtException e) {
            LOG.debug("{} does not answer: {}", uri, LibvirtErrors.message(e));
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the connection once, on a thread of its own that first waits for calls in flight: the
     * native connection is never freed under a running call (that could crash the JVM). close()
     * waits for that thread up to {@code closeWait}, because both the calls and libvirt's own close
     * (one round trip to the daemon) can block forever on a hung remote daemon: libvirt sends no
     * keepalives without an event loop.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Thread closer = new Thread(this::release, "vmpool libvirt close " + uri);
        closer.setDaemon(true);
        closer.start();
        try {
            if (!closeWait.isZero()) {
                closer.join(closeWait.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive() && !closeWait.isZero()) {
            LOG.warn("{}: the libvirt connection is still closing after {} s (calls in flight or a daemon that does "
                    + "not answer); it closes in the background (closeWaitSeconds in etc/{}.cfg)",
                    uri, closeWait.toSeconds(), LibvirtConfig.PID);
        }
    }

    private void release() {
        Lock lock = lifecycle.writeLock();
        lock.lock();
        try {
            connect.close();
        } catch (LibvirtException e) {
            LOG.warn("closing the libvirt connection to {} failed: {}", uri, LibvirtErrors.message(e));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "LibvirtHypervisor[" + uri + "]";
    }

    private Optional<String> uuidOf(String name) throws LibvirtException {
        try {
            return Optional.of(inDomain(connect.domainLookupByName(name), Domain::getUUIDString));
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNoDomain(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Optional<DomainInfo> readIfPresent(LibvirtCall<Domain> lookup) throws LibvirtException {
        try {
            return Optional.of(inDomain(lookup.call(), DomainReader::read));
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNoDomain(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private <T> T onDomain(String name, String what, DomainCall<T> call) {
        return call(what, () -> inDomain(connect.domainLookupByName(name), call));
    }

    /** Runs {@code call} on {@code domain}, then frees libvirt's handle instead of leaving it to the finalizer. */
    private static <T> T inDomain(Domain domain, DomainCall<T> call) throws LibvirtException {
        try {
            return call.apply(domain);
        } finally {
            free(domain);
        }
    }

    private static void free(Domain domain) {
        try {
            domain.free();
        } catch (LibvirtException e) {
            LOG.debug("freeing a domain handle failed: {}", LibvirtErrors.message(e));
        }
    }

    private <T> T call(String what, LibvirtCall<T> call) {
        failIfClosed(what); // before the lock too: a close stuck on a hung daemon holds it
        Lock lock = lifecycle.readLock();
        lock.lock();
        try {
            failIfClosed(what);
            return call.call();
        } catch (LibvirtException e) {
            throw new HypervisorException(uri, what + ": " + LibvirtErrors.message(e), e);
        } finally {
            lock.unlock();
        }
    }

    private void failIfClosed(String what) {
        if (closed.get()) {
            throw new HypervisorException(uri, what + ": the connection is closed", null);
        }
    }

    /** A libvirt call. */
    @FunctionalInterface
    private interface LibvirtCall<T> {
        T call() throws LibvirtException;
    }

    /** A libvirt call on one domain. */
    @FunctionalInterface
    private interface DomainCall<T> {
        T apply(Domain domain) throws LibvirtException;
    }
}
