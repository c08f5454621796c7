package io.vmpool.health.internal.probe;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Where the host probe reads a host's hardware when {@code host:add} names no source (PID
 * {@value #PID}): the machine vmpool runs on for a URI without a remote host, a remote command for the
 * others. docs/admission.md
 */
@ObjectClassDefinition(id = ProbeConfig.PID, name = "vmpool host probe",
        description = "Reads a host's EDAC state, dmidecode output and kernel release for host:add and its fingerprint")
public @interface ProbeConfig {
    String PID = "io.vmpool.health.probe";

    @AttributeDefinition(description = "EDAC sysfs root read for a local URI (qemu:///system, test:///...)")
    String localEdacRoot() default "/sys/devices/system/edac";

    @AttributeDefinition(description = "Command printing dmidecode's output, for a local URI (words split on spaces)")
    String localDmidecodeCommand() default "dmidecode";

    @AttributeDefinition(description = "File holding the kernel release, for a local URI")
    String localKernelReleaseFile() default "/proc/sys/kernel/osrelease";

    @AttributeDefinition(description = "Command prefix that runs a command on a remote host; ${host} is the host of "
            + "its URI. dmidecode, 'uname -r' and 'grep -r . <remoteEdacRoot>/mc' are run through it")
    String remoteCommand() default "ssh -o BatchMode=yes -o ConnectTimeout=10 root@${host}";

    @AttributeDefinition(description = "EDAC sysfs root read on a remote host through remoteCommand (an absolute path)")
    String remoteEdacRoot() default "/sys/devices/system/edac";

    @AttributeDefinition(min = "1", description = "How long one probe command may run, in seconds")
    long commandTimeoutSeconds() default 30;

    @AttributeDefinition(min = "1", description = "Most output kept from one command or source file, in KiB; more "
            + "is a failed read naming this limit")
    long maxOutputKiB() default 4096;
}
