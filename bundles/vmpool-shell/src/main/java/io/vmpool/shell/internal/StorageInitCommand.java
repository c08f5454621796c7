package io.vmpool.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * storage:init lvm /dev/sdb vg0 --volumes 5000 — prepares an empty device as a new pool sized for that
 * many volumes (LVM: pvcreate with a metadata area for them, with a margin, then vgcreate).
 */
@Service
@Command(scope = "storage", name = "init", description = "Prepares an empty device as a new pool sized for a number "
        + "of volumes (LVM: PV with a large enough metadata area, and a VG)")
public class StorageInitCommand extends StorageCommand {

    @Argument(index = 0, name = "kind", description = "Kind of pool: lvm", required = true)
    String kind;

    @Argument(index = 1, name = "device", description = "The empty block device, e.g. /dev/sdb", required = true)
    String device;

    @Argument(index = 2, name = "name", description = "Name of the new pool (LVM: the VG name)", required = true)
    String name;

    @Argument(index = 3, name = "options", multiValued = true,
            description = "--volumes may also follow the arguments: storage:init lvm /dev/sdb vg0 --volumes 5000")
    java.util.List<String> trailing;

    @Option(name = "--volumes", aliases = "-n", description = "How many volumes it must hold (sizes the metadata area; required)")
    String volumes;

    @Override
    void run() {
        TrailingOptions t = TrailingOptions.parse(trailing, java.util.List.of("--volumes", "-n"));
        long n = TrailingOptions.number("--volumes", t.value("--volumes", "-n", volumes), null, "");
        if (n > Integer.MAX_VALUE) {
            throw new io.vmpool.api.InvalidRequestException("volumes", "<= " + Integer.MAX_VALUE,
                    "--volumes must be at most " + Integer.MAX_VALUE + ", was " + n);
        }
        System.out.println(storage.initialize(kind, device, name, (int) n));
    }
}
