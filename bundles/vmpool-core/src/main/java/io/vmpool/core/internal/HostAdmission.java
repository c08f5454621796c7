package io.vmpool.core.internal;

import io.vmpool.api.BackendException;
import io.vmpool.api.ConflictException;
import io.vmpool.api.Event;
import io.vmpool.api.ForbiddenException;
import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.NotFoundException;
import io.vmpool.api.health.HostHealth;
import io.vmpool.api.health.HostHealthService;
import io.vmpool.api.host.AdmissionCheck;
import io.vmpool.api.host.AdmissionRefusedException;
import io.vmpool.api.host.AdmissionReport;
import io.vmpool.api.host.AdmissionRequest;
import io.vmpool.api.host.FingerprintDiff;
import io.vmpool.api.host.HostAdmissionService;
import io.vmpool.api.host.HostFingerprint;
import io.vmpool.api.host.HostProbe;
import io.vmpool.api.hypervisor.Hypervisor;
import io.vmpool.api.hypervisor.HypervisorProvider;
import io.vmpool.api.hypervisor.NodeInfo;
import io.vmpool.api.inventory.InventoryStore;
import io.vmpool.api.machine.Caller;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits hosts into the pool (docs/admission.md): checks the host through its hypervisor connection
 * and every {@link HostProbe}, and only when nothing failed records its fingerprint, writes its
 * {@code io.vmpool.host} configuration (which makes it a pool host) and starts its probation.
 * Admissions run one at a time.
 */
@Component(service = HostAdmissionService.class, configurationPid = CoreConfig.PID)
public class HostAdmission implements HostAdmissionService {
    private static final Logger LOG = LoggerFactory.getLogger(HostAdmission.class);
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");
    /** Checks an admin may not accept: without them there is no host to admit. */
    private static final Set<String> NOT_ACCEPTABLE = Set.of("name", "reachable");
    private static final Set<String> SOURCES = Set.of(AdmissionRequest.EDAC_ROOT, AdmissionRequest.DMIDECODE,
            AdmissionRequest.SETTINGS);
    /** Where a host's probe sources are kept in its io.vmpool.host configuration. */
    static final String SOURCE_PREFIX = "source.";

    private final HypervisorProvider hypervisors;
    private final InventoryStore inventory;
    private final ConfigurationAdmin configurations;
    private final CoreConfig config;
    private final Clock clock;
    private final List<HostProbe> probes = new CopyOnWriteArrayList<>();
    private volatile HostHealthService health;

    @Activate
    public HostAdmission(@Reference HypervisorProvider hypervisors, @Reference InventoryStore inventory,
            @Reference ConfigurationAdmin configurations, CoreConfig config) {
        this(hypervisors, inventory, configurations, config, Clock.systemUTC());
    }

    HostAdmission(HypervisorProvider hypervisors, InventoryStore inventory, ConfigurationAdmin configurations,
            CoreConfig config, Clock clock) {
        this.hypervisors = hypervisors;
        this.inventory = inventory;
        this.configurations = configurations;
        this.config = config;
        this.clock = clock;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeProbe")
    void addProbe(HostProbe probe) {
        probes.add(probe);
    }

    void removeProbe(HostProbe probe) {
        probes.remove(probe);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindHealth")
    void bindHealth(HostHealthService service) {
        health = service;
    }

    void unbindHealth(HostHealthService service) {
        if (health == service) {
            health = null;
        }
    }

    @Override
    public synchronized AdmissionReport admit(AdmissionRequest request, Caller caller) {
        requireAdmin(caller, "add a host");
        validateShape(request);
        List<AdmissionCheck> checks = new ArrayList<>();
        Map<String, String> facts = new TreeMap<>();
        long reserve = request.reservedMemoryMiB().orElse(defaultReserve());
        if (configuration(request.name()).isPresent()) {
            checks.add(AdmissionCheck.failed("name", "a pool host is already named " + request.name()));
            throw refused(request, checks, caller);
        }
        checks.add(AdmissionCheck.passed("name", request.name()));
        try (Hypervisor h = hypervisors.connect(request.uri())) {
            checks.add(AdmissionCheck.passed("reachable", "connected to " + request.uri()));
            checks.add(nodeInfo(h, reserve, facts));
            facts.putAll(h.facts());
        } catch (RuntimeException e) {
            if (checks.size() == 1) {
                checks.add(AdmissionCheck.failed("reachable", "cannot connect to " + request.uri() + ": " + e.getMessage()));
                throw refused(request, checks, caller);
            }
            checks.add(AdmissionCheck.failed("node-info", "the host stopped answering: " + e.getMessage()));
        }
        probe(request.name(), request.uri(), request.sources(), checks, facts);
        checks = accepted(checks, request.accept());
        if (checks.stream().anyMatch(AdmissionCheck::failed)) {
            throw refused(request, checks, caller);
        }
        HostFingerprint fingerprint = HostFingerprint.of(request.name(), clock.instant(), facts);
        // the state first: once the configuration exists the heartbeat may report the host, and a host the
        // policy has not heard of counts as HEALTHY; a failure below leaves only this state, which the next
        // admission of the name starts again
        String state = null;
        HostHealthService policy = health;
        if (policy != null) {
            HostHealth h = policy.admitted(request.name(), caller.name(), "admitted by " + caller.name() + " with host:add");
            state = h.state().name();
        }
        Configuration created = createConfiguration(request, reserve);
        try {
            inventory.putFingerprint(fingerprint);
        } catch (RuntimeException e) {
            deleteQuietly(created);
            throw e;
        }
        record(request.name(), "host.admitted", caller, "host " + request.name() + " (" + request.uri()
                + ") admitted with " + facts.size() + " facts: " + summary(checks));
        LOG.info("host {} admitted by {} ({}); state {}", request.name(), caller.name(), request.uri(), state);
        return new AdmissionReport(request.name(), checks, fingerprint, state);
    }

    @Override
    public synchronized void remove(String host, Caller caller) {
        requireAdmin(caller, "remove a host");
        Configuration c = configuration(host).orElseThrow(() -> new NotFoundException("host " + host
                + " is not in the pool"));
        List<String> on = inventory.machines().stream().filter(m -> host.equals(m.host())).map(m -> m.name()).toList();
        if (!on.isEmpty()) {
            throw new ConflictException("host " + host + " still has " + on.size() + " machine(s) recorded on it: "
                    + String.join(", ", on) + "; delete or move them first");
        }
        try {
            c.delete();
        } catch (IOException e) {
            throw new BackendException("configuration", "cannot remove the configuration of host " + host + ": "
                    + e.getMessage(), e);
        }
        record(host, "host.removed", caller, "host " + host + " removed from the pool by " + caller.name());
        LOG.info("host {} removed from the pool by {}", host, caller.name());
    }

    @Override
    public HostFingerprint fingerprint(String host, Caller caller) {
        requireAdmin(caller, "read host fingerprints");
        return inventory.fingerprint(host).orElseThrow(() -> new NotFoundException("no fingerprint is recorded for host "
                + host + (configuration(host).isPresent() ? "; take one with host:fingerprint --refresh " + host : "")));
    }

    @Override
    public synchronized HostFingerprint refresh(String host, Caller caller) {
        requireAdmin(caller, "take host fingerprints");
        Dictionary<String, Object> props = configuration(host).orElseThrow(() -> new NotFoundException(
                "host " + host + " is not in the pool")).getProperties();
        String uri = String.valueOf(props.get("uri"));
        Map<String, String> sources = new HashMap<>();
        for (String s : SOURCES) {
            Object v = props.get(SOURCE_PREFIX + s);
            if (v != null) {
                sources.put(s, v.toString());
            }
        }
        Map<String, String> facts = new TreeMap<>();
        List<AdmissionCheck> checks = new ArrayList<>();
        try (Hypervisor h = hypervisors.connect(uri)) {
            checks.add(nodeInfo(h, 0, facts));
            facts.putAll(h.facts());
        } catch (RuntimeException e) {
            throw new BackendException("hypervisor " + host, "cannot take the fingerprint of host " + host + ": "
                    + e.getMessage(), e);
        }
        probe(host, uri, sources, checks, facts);
        HostFingerprint fingerprint = HostFingerprint.of(host, clock.instant(), facts);
        inventory.putFingerprint(fingerprint);
        record(host, "host.fingerprint", caller, "fingerprint of host " + host + " taken with " + facts.size()
                + " facts: " + summary(checks));
        return fingerprint;
    }

    @Override
    public FingerprintDiff diff(String a, String b, Caller caller) {
        requireAdmin(caller, "compare hosts");
        return Fingerprints.diff(recordedOrTaken(a, caller), recordedOrTaken(b, caller));
    }

    private HostFingerprint recordedOrTaken(String host, Caller caller) {
        Optional<HostFingerprint> recorded = inventory.fingerprint(host);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        if (configuration(host).isEmpty()) {
            throw new NotFoundException("host " + host + " is neither in the pool nor has a recorded fingerprint");
        }
        return refresh(host, caller);
    }

    private AdmissionCheck nodeInfo(Hypervisor h, long reserve, Map<String, String> facts) {
        NodeInfo node = h.nodeInfo();
        if (node.hostname() != null && !node.hostname().isBlank()) {
            facts.put("node.hostname", node.hostname());
        }
        List<String> wrong = new ArrayList<>();
        if (node.cpus() < 1) {
            wrong.add("it reports " + node.cpus() + " CPUs");
        }
        if (node.memoryMiB() <= reserve) {
            wrong.add("its " + node.memoryMiB() + " MiB of memory are not more than the " + reserve
                    + " MiB kept back for it (reservedMemoryMiB)");
        }
        if (node.hostname() == null || node.hostname().isBlank()) {
            wrong.add("it reports no hostname");
        }
        String seen = node.cpus() + " CPUs, " + node.memoryMiB() + " MiB, " + node.model() + ", " + node.hypervisorType()
                + ", hostname " + node.hostname();
        return wrong.isEmpty() ? AdmissionCheck.passed("node-info", seen)
                : AdmissionCheck.failed("node-info", String.join("; ", wrong) + " (" + seen + ")");
    }

    private void probe(String host, String uri, Map<String, String> sources, List<AdmissionCheck> checks,
            Map<String, String> facts) {
        List<HostProbe> installed = List.copyOf(probes);
        if (installed.isEmpty()) {
            checks.add(AdmissionCheck.failed("ecc", "no host probe is installed, so ECC and uncorrected errors cannot "
                    + "be checked (feature:install vmpool-health, or --accept ecc)"));
            return;
        }
        for (HostProbe p : installed) {
            try {
                HostProbe.Result r = p.probe(host, uri, sources);
                checks.addAll(r.checks());
                r.facts().forEach(facts::put); // the probe's dmidecode facts over libvirt's sysinfo
            } catch (RuntimeException e) {
                checks.add(AdmissionCheck.failed("probe", p.getClass().getSimpleName() + " failed: " + e));
            }
        }
    }

    private static List<AdmissionCheck> accepted(List<AdmissionCheck> checks, Set<String> accept) {
        return checks.stream().map(c -> c.failed() && accept.contains(c.name())
                ? new AdmissionCheck(c.name(), AdmissionCheck.Outcome.ACCEPTED, c.detail()) : c).toList();
    }

    private AdmissionRefusedException refused(AdmissionRequest request, List<AdmissionCheck> checks, Caller caller) {
        AdmissionRefusedException e = new AdmissionRefusedException(request.name(), checks);
        record(request.name(), "host.admission-refused", caller, e.getMessage());
        LOG.info("{}", e.getMessage());
        return e;
    }

    private void validateShape(AdmissionRequest r) {
        if (r.name() == null || !NAME.matcher(r.name()).matches()) {
            throw new InvalidRequestException("name", NAME.pattern(), "host name '" + r.name() + "' must match "
                    + NAME.pattern());
        }
        if (r.uri() == null || r.uri().isBlank()) {
            throw new InvalidRequestException("uri", "required", "host " + r.name() + " needs a connection URI, e.g. "
                    + "qemu+ssh://root@" + r.name() + "/system");
        }
        if (r.reservedMemoryMiB().isPresent() && r.reservedMemoryMiB().getAsLong() < 0) {
            throw new InvalidRequestException("reservedMemoryMiB", ">= 0", "reservedMemoryMiB must be 0 or more, was "
                    + r.reservedMemoryMiB().getAsLong());
        }
        for (String key : r.sources().keySet()) {
            if (!SOURCES.contains(key)) {
                throw new InvalidRequestException("sources", String.join("|", SOURCES), "unknown probe source '" + key
                        + "'; the sources are " + SOURCES);
            }
        }
        for (String check : r.accept()) {
            if (NOT_ACCEPTABLE.contains(check)) {
                throw new InvalidRequestException("accept", "not " + NOT_ACCEPTABLE, "the check '" + check
                        + "' cannot be accepted: without it there is no host to admit");
            }
        }
    }

    private Configuration createConfiguration(AdmissionRequest request, long reserve) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("name", request.name());
        props.put("uri", request.uri());
        props.put("reservedMemoryMiB", reserve);
        request.sources().forEach((k, v) -> props.put(SOURCE_PREFIX + k, v));
        try {
            Configuration c = configurations.getFactoryConfiguration(HostConfig.PID, request.name(), "?");
            c.update(props);
            return c;
        } catch (IOException e) {
            throw new BackendException("configuration", "cannot write the configuration of host " + request.name()
                    + ": " + e.getMessage(), e);
        }
    }

    private Optional<Configuration> configuration(String host) {
        if (host == null || !NAME.matcher(host).matches()) {
            return Optional.empty();
        }
        try {
            Configuration[] found = configurations.listConfigurations("(&(service.factoryPid=" + HostConfig.PID
                    + ")(name=" + host + "))");
            return found == null || found.length == 0 ? Optional.empty() : Optional.of(found[0]);
        } catch (IOException | InvalidSyntaxException e) {
            throw new BackendException("configuration", "cannot list host configurations: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Configuration c) {
        try {
            c.delete();
        } catch (IOException | IllegalStateException e) {
            LOG.warn("cannot remove the configuration {} written for a failed admission: {}", c.getPid(), e.getMessage());
        }
    }

    private void record(String host, String type, Caller caller, String message) {
        try {
            inventory.record(new Event(clock.instant(), "host:" + host, type, caller.name(), message));
        } catch (RuntimeException e) {
            LOG.warn("cannot record {} for host {}: {}", type, host, e.getMessage());
        }
    }

    private void requireAdmin(Caller caller, String what) {
        if (!caller.hasRole(config.adminRole())) {
            throw new ForbiddenException("only an administrator (role " + config.adminRole() + ") may " + what);
        }
    }

    private static long defaultReserve() {
        try {
            return (Long) HostConfig.class.getMethod("reservedMemoryMiB").getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String summary(List<AdmissionCheck> checks) {
        return checks.stream().map(c -> c.name() + " " + c.outcome()).collect(Collectors.joining(", "));
    }
}
