package io.vmpool.health.internal.console;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Where the machines' serial logs are and how much of each is kept (PID {@value #PID}); the directory
 * is the core's {@code consoleLogDirectory} as this server sees it (the machines of a remote host need it
 * mounted here).
 */
@ObjectClassDefinition(id = MachineConsoleConfig.PID, name = "vmpool machine consoles",
        description = "Keeps the last part of every machine's serial console log for vm:console")
public @interface MachineConsoleConfig {
    String PID = "io.vmpool.health.machineconsole";

    @AttributeDefinition(description = "Directory of the <machine>-serial.log files libvirt appends to; "
            + "empty: no capture")
    String directory() default "/var/log/libvirt/qemu";

    @AttributeDefinition(description = "How a serial log file's name ends; what comes before it is the machine name")
    String suffix() default "-serial.log";

    @AttributeDefinition(min = "10", description = "How often the directory and the files are checked, in ms")
    long pollMillis() default 1000;

    @AttributeDefinition(min = "1", description = "How much of each machine's console is kept, in KiB")
    long keepKiB() default 1024;

    @AttributeDefinition(description = "Where <machine>.log and <machine>.log.1 are kept")
    String spoolDirectory() default "${karaf.data}/vmpool/machine-console";

    @AttributeDefinition(min = "80", description = "A line longer than this many bytes is cut")
    int maxLineBytes() default 8192;
}
