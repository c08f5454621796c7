package io.vmpool.hypervisor.libvirt.internal;

import io.vmpool.api.hypervisor.DomainInfo;
import io.vmpool.api.hypervisor.DomainSpec;
import io.vmpool.api.hypervisor.DomainState;
import io.vmpool.api.hypervisor.Hypervisor;
import io.vmpool.api.hypervisor.HypervisorException;
import io.vmpool.api.hypervisor.NodeInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One libvirt host as a vmpool {@link Hypervisor}, over one connection kept for the life of this
 * object (a test:///&lt;file&gt; host keeps its domains in that connection and loses them with it).
 * Thread-safe: see {@link GuardedConnection}.
 */
final class LibvirtHypervisor implements Hypervisor {

    private static final Logger LOG = LoggerFactory.getLogger(LibvirtHypervisor.class);

    private final String uri;
    private final GuardedConnection connection;
    private final DomainXml domainXml;
    /** Makes "is the name taken, then define" one step for the callers of this object. */
    private final Object defineLock = new Object();

    LibvirtHypervisor(String uri, GuardedConnection connection, DomainXml domainXml) {
        this.uri = uri;
        this.connection = connection;
        this.domainXml = domainXml;
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public NodeInfo nodeInfo() {
        return connection.call("read the node's info", c -> {
            org.libvirt.NodeInfo node = c.nodeInfo();
            return new NodeInfo(c.getHostName(), node.model, node.cpus, node.memory / 1024, c.getType());
        });
    }

    /**
     * libvirt takes a define with the name and uuid of an existing domain as an update of that
     * domain; the API promises a failure, so that case is refused here. Any other clash (same name,
     * other uuid; same uuid, other name) libvirt refuses in its own words.
     */
    @Override
    public void define(DomainSpec spec) {
        String what = "define domain '" + spec.name() + "'";
        String xml = domainXml.toXml(spec);
        synchronized (defineLock) {
            connection.call(what, c -> {
                Optional<String> existing = present(() -> inDomain(c.domainLookupByName(spec.name()), Domain::getUUIDString));
                if (existing.isPresent() && existing.get().equalsIgnoreCase(spec.uuid().toString())) {
                    throw new HypervisorException(uri, what + ": domain '" + spec.name()
                            + "' is already defined with uuid " + existing.get() + " (vmpool does not redefine)", null);
                }
                free(c.domainDefineXML(xml));
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

    /** Refuses an active domain: libvirt would keep it running as a transient domain, defined nowhere. */
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
        return connection.call("read the state of domain '" + domain + "'",
                c -> present(() -> inDomain(c.domainLookupByName(domain), DomainReader::state)));
    }

    /** Active and inactive domains by name; a domain that vanishes while being listed is left out. */
    @Override
    public List<DomainInfo> domains() {
        return connection.call("list domains", c -> {
            Map<String, DomainInfo> found = new TreeMap<>();
            for (String name : c.inactiveDomainNames()) {
                present(() -> inDomain(c.domainLookupByName(name), DomainReader::read))
                        .ifPresent(i -> found.put(i.name(), i));
            }
            for (int id : c.activeDomainIds()) {
                present(() -> inDomain(c.domainLookupByID(id), DomainReader::read))
                        .ifPresent(i -> found.put(i.name(), i));
            }
            return List.copyOf(found.values());
        });
    }

    /**
     * Versions, the host CPU from the capabilities, and the SMBIOS sysinfo where the driver has it (the
     * test driver has none: that part is left out, as is any part this libvirt refuses).
     */
    @Override
    public Map<String, String> facts() {
        return connection.call("read the host's facts", c -> {
            Map<String, String> facts = new TreeMap<>();
            facts.put("libvirt.version", HostFacts.version(c.getLibVirVersion()));
            facts.put("hypervisor.type", c.getType());
            facts.put("hypervisor.version", HostFacts.version(c.getVersion()));
            org.libvirt.NodeInfo node = c.nodeInfo();
            facts.put("node.cpus", Integer.toString(node.cpus));
            facts.put("node.memoryMiB", Long.toString(node.memory / 1024));
            facts.put("node.mhz", Integer.toString(node.mhz));
            facts.putAll(HostFacts.capabilities(c.getCapabilities()));
            try {
                facts.putAll(HostFacts.sysinfo(c.getSysinfo()));
            } catch (LibvirtException e) {
                LOG.debug("{}: no sysinfo: {}", uri, e.getMessage());
            }
            return facts;
        });
    }

    @Override
    public boolean isAlive() {
        return connection.isAlive();
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "LibvirtHypervisor[" + uri + "]";
    }

    private <T> T onDomain(String name, String what, DomainCall<T> call) {
        return connection.call(what, c -> inDomain(c.domainLookupByName(name), call));
    }

    /** The lookup's result, or empty when libvirt says there is no such domain (VIR_ERR_NO_DOMAIN). */
    private static <T> Optional<T> present(Lookup<T> lookup) throws LibvirtException {
        try {
            return Optional.of(lookup.get());
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNoDomain(e)) {
                return Optional.empty();
            }
            throw e;
        }
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

    /** A libvirt call on one domain. */
    @FunctionalInterface
    private interface DomainCall<T> {
        T apply(Domain domain) throws LibvirtException;
    }

    /** A libvirt lookup that may find no domain. */
    @FunctionalInterface
    private interface Lookup<T> {
        T get() throws LibvirtException;
    }
}
