package io.vmpool.api.hypervisor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One connected host. Methods throw {@link HypervisorException} with the hypervisor's own message.
 * Implementations are safe to call from several threads.
 */
@ProviderType
public interface Hypervisor extends AutoCloseable {

    String uri();

    NodeInfo nodeInfo();

    /** Defines (persistently) the domain; fails if a domain of that name already exists. */
    void define(DomainSpec spec);

    void start(String domain);

    /** Asks the guest to shut down; returns without waiting. */
    void shutdown(String domain);

    /** Forces the domain off. */
    void destroy(String domain);

    /** Removes the domain's definition; it must be off. */
    void undefine(String domain);

    /** The domain's state, or empty when no domain of that name is defined. */
    Optional<DomainState> state(String domain);

    List<DomainInfo> domains();

    /**
     * What the host says about itself for its fingerprint (docs/admission.md): e.g.
     * {@code libvirt.version}, {@code hypervisor.version}, {@code cpu.model}; empty when the backend knows
     * nothing more than {@link #nodeInfo()}. @since 1.1
     */
    default Map<String, String> facts() {
        return Map.of();
    }

    /** A cheap call that proves the connection still answers. */
    boolean isAlive();

    @Override
    void close();
}
