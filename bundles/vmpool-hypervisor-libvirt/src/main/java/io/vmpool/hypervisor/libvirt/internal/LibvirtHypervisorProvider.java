package io.vmpool.hypervisor.libvirt.internal;

import io.vmpool.api.hypervisor.Hypervisor;
import io.vmpool.api.hypervisor.HypervisorException;
import io.vmpool.api.hypervisor.HypervisorProvider;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.libvirt.LibvirtException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/** Opens libvirt connections (any libvirt URI: {@code test:///...}, {@code qemu:///system}, {@code qemu+ssh://...}). */
@Component(service = HypervisorProvider.class, configurationPid = LibvirtConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = LibvirtConfig.class)
public final class LibvirtHypervisorProvider implements HypervisorProvider {

    private static final List<String> QEMU_DOMAIN_TYPES = List.of("kvm", "qemu");
    private static final String WHERE = "etc/" + LibvirtConfig.PID + ".cfg";

    private final String qemuDomainType;
    private final String arch;
    private final String machine;
    private final Duration closeWait;

    @Activate
    public LibvirtHypervisorProvider(LibvirtConfig config) {
        this.qemuDomainType = config.qemuDomainType().strip();
        if (!QEMU_DOMAIN_TYPES.contains(qemuDomainType)) {
            throw new IllegalArgumentException("qemuDomainType '" + config.qemuDomainType()
                    + "' is not one of " + QEMU_DOMAIN_TYPES + " (set in " + WHERE + ")");
        }
        this.arch = config.arch().strip();
        if (arch.isEmpty()) {
            throw new IllegalArgumentException("arch is empty (set in " + WHERE + ", e.g. x86_64)");
        }
        this.machine = config.machine().strip();
        if (config.closeWaitSeconds() < 0) {
            throw new IllegalArgumentException("closeWaitSeconds " + config.closeWaitSeconds()
                    + " is negative (set in " + WHERE + ")");
        }
        this.closeWait = Duration.ofSeconds(config.closeWaitSeconds());
    }

    @Override
    public Hypervisor connect(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new HypervisorException(String.valueOf(uri), "connect: the libvirt URI is empty", null);
        }
        LibvirtConnection connect = open(uri);
        try {
            DomainXml domainXml = domainXmlFor(uri, connect);
            return new LibvirtHypervisor(uri, new GuardedConnection(uri, connect, closeWait), domainXml);
        } catch (LibvirtException e) {
            HypervisorException failure = new HypervisorException(uri,
                    "set up the connection to " + uri + ": " + LibvirtErrors.message(e), e);
            closeQuietly(connect, failure);
            throw failure;
        } catch (RuntimeException e) {
            closeQuietly(connect, e);
            throw e;
        }
    }

    private static LibvirtConnection open(String uri) {
        try {
            return new LibvirtConnection(uri);
        } catch (LibvirtException e) {
            throw new HypervisorException(uri, "connect to " + uri + ": " + LibvirtErrors.message(e) + hint(e), e);
        } catch (LinkageError e) {
            // libvirt-java loads libvirt.so.0 through JNA when first used
            throw new HypervisorException(uri, "connect to " + uri + ": libvirt's C library could not be loaded"
                    + " (install libvirt0; JNA looks in jna.library.path and the system library path): " + e, e);
        }
    }

    /**
     * A URI that no driver in this process takes (qemu://, a typo) is handed to the libvirt daemon;
     * when none runs, libvirt only says it cannot reach the daemon's socket.
     */
    private static String hint(LibvirtException e) {
        String message = LibvirtErrors.message(e);
        return message.contains("libvirt-sock") && message.contains("No such file")
                ? " (libvirt hands a URI it cannot open in-process to the libvirt daemon, and none is listening:"
                        + " check the URI's scheme, or start libvirtd)"
                : "";
    }

    /** {@code <domain type=...>} follows the connection's driver, not the URI's spelling. */
    private DomainXml domainXmlFor(String uri, LibvirtConnection connect) {
        String type;
        try {
            type = connect.getType();
        } catch (LibvirtException e) {
            throw new HypervisorException(uri, "read the driver type of " + uri + ": " + LibvirtErrors.message(e), e);
        }
        String domainType = switch (type.toUpperCase(Locale.ROOT)) {
            case "TEST" -> "test";
            case "QEMU" -> qemuDomainType;
            default -> throw new HypervisorException(uri, "connect to " + uri + ": libvirt driver " + type
                    + " is not supported by vmpool (supported: QEMU, TEST)", null);
        };
        return new DomainXml(domainType, arch, machine);
    }

    private static void closeQuietly(LibvirtConnection connect, RuntimeException reason) {
        try {
            connect.close();
        } catch (LibvirtException e) {
            reason.addSuppressed(e);
        }
    }
}
