package io.vmpool.hypervisor.libvirt.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Settings of the libvirt backend (PID {@code io.vmpool.hypervisor.libvirt}); every default lives here. */
@ObjectClassDefinition(
        name = "vmpool libvirt hypervisor",
        description = "How vmpool describes domains to libvirt hosts")
public @interface LibvirtConfig {

    String PID = "io.vmpool.hypervisor.libvirt";

    @AttributeDefinition(
            name = "QEMU domain type",
            description = "Domain type on QEMU connections (qemu:///system, qemu+ssh://...): kvm for "
                    + "hardware virtualisation, qemu for TCG emulation where /dev/kvm is missing or unusable",
            options = {@Option(value = "kvm", label = "kvm"), @Option(value = "qemu", label = "qemu (TCG)")})
    String qemuDomainType() default "kvm";

    @AttributeDefinition(
            name = "Guest architecture",
            description = "The guest's CPU architecture, as in <os><type arch=...>, e.g. x86_64 or aarch64")
    String arch() default "x86_64";

    @AttributeDefinition(
            name = "Machine type",
            description = "The guest's machine type, as in <os><type machine=...>, e.g. q35 or pc; "
                    + "empty lets libvirt choose the emulator's default",
            required = false)
    String machine() default "";

    @AttributeDefinition(
            name = "Close wait (seconds)",
            description = "How long closing a host's connection waits for it to close: for calls still running "
                    + "on it, then libvirt's own close. Both can block forever on a hung remote daemon; after "
                    + "this wait the connection goes on closing in the background. 0: do not wait",
            min = "0")
    int closeWaitSeconds() default 30;
}
