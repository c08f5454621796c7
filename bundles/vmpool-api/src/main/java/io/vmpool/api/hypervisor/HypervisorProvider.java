package io.vmpool.api.hypervisor;

import org.osgi.annotation.versioning.ProviderType;

/** Turns a host's connection URI (a libvirt URI for the libvirt backend) into a connected {@link Hypervisor}. */
@ProviderType
public interface HypervisorProvider {

    /** Opens a connection; the caller closes it. */
    Hypervisor connect(String uri);
}
