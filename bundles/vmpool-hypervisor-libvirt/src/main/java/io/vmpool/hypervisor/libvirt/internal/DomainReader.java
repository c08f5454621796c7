package io.vmpool.hypervisor.libvirt.internal;

import io.vmpool.api.hypervisor.DomainInfo;
import io.vmpool.api.hypervisor.DomainState;
import java.util.UUID;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** Reads a libvirt domain's state, memory and vcpus into vmpool's types. */
final class DomainReader {

    private DomainReader() {
    }

    static DomainInfo read(Domain domain) throws LibvirtException {
        UUID uuid = UUID.fromString(domain.getUUIDString());
        org.libvirt.DomainInfo info;
        try {
            info = domain.getInfo();
        } catch (ArrayIndexOutOfBoundsException e) {
            // libvirt-java 0.5.2's DomainState stops at CRASHED (6) and indexes values() with the raw
            // virDomainState; the only later state libvirt has is PMSUSPENDED (7).
            return new DomainInfo(domain.getName(), uuid, DomainState.PMSUSPENDED,
                    domain.getMaxMemory() / 1024, domain.getMaxVcpus());
        }
        return new DomainInfo(domain.getName(), uuid, state(info.state), info.maxMem / 1024, info.nrVirtCpu);
    }

    static DomainState state(Domain domain) throws LibvirtException {
        try {
            return state(domain.getInfo().state);
        } catch (ArrayIndexOutOfBoundsException e) {
            return DomainState.PMSUSPENDED; // see read()
        }
    }

    static DomainState state(org.libvirt.DomainInfo.DomainState state) {
        return switch (state) {
            case VIR_DOMAIN_NOSTATE -> DomainState.NOSTATE;
            case VIR_DOMAIN_RUNNING -> DomainState.RUNNING;
            case VIR_DOMAIN_BLOCKED -> DomainState.BLOCKED;
            case VIR_DOMAIN_PAUSED -> DomainState.PAUSED;
            case VIR_DOMAIN_SHUTDOWN -> DomainState.SHUTDOWN;
            case VIR_DOMAIN_SHUTOFF -> DomainState.SHUTOFF;
            case VIR_DOMAIN_CRASHED -> DomainState.CRASHED;
        };
    }
}
