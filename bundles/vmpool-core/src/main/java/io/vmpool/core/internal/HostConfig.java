package io.vmpool.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One pool host (factory PID {@value #PID}, one {@code etc/io.vmpool.host-<name>.cfg} per host). */
@ObjectClassDefinition(id = HostConfig.PID, name = "vmpool host",
        description = "A hypervisor host in the pool, reached through its connection URI")
public @interface HostConfig {
    String PID = "io.vmpool.host";

    @AttributeDefinition(description = "Host name as shown in host:list; unique in the pool")
    String name();

    @AttributeDefinition(description = "Connection URI, e.g. qemu+ssh://root@host1/system or test:///path/node.xml")
    String uri();

    @AttributeDefinition(description = "Memory kept back for the host itself, in MiB; never given to machines")
    long reservedMemoryMiB() default 512;
}
