package io.vmpool.storage.lvm.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of one LVM storage pool (factory PID {@value #PID}, one configuration per volume
 * group): every default and limit lives here.
 */
@ObjectClassDefinition(id = LvmStorageConfig.PID, name = "vmpool LVM storage pool",
        description = "Machine disks as logical volumes in one LVM volume group, through the lvm2 command line")
public @interface LvmStorageConfig {
    String PID = "io.vmpool.storage.lvm";

    /** The pool id (the attribute is named after the service property {@code vmpool.storage.pool}); empty: the VG name. */
    @AttributeDefinition(name = "Pool id", description = "Id of this pool (published as service property "
            + "vmpool.storage.pool); empty: the volume group's name. Must not contain ':'", required = false)
    String vmpool_storage_pool() default "";

    @AttributeDefinition(name = "Volume group", description = "The LVM volume group holding this pool's volumes")
    String volumeGroup() default "";

    @AttributeDefinition(name = "lvm command", description = "The lvm binary (a path, or a name looked up on PATH); "
            + "invoked as '<lvmCommand> lvcreate ...'")
    String lvmCommand() default "lvm";

    @AttributeDefinition(name = "Command timeout (s)", description = "How long one lvm command may run before it is "
            + "killed and the operation fails")
    long commandTimeoutSeconds() default 60;

    @AttributeDefinition(name = "lvm shell", description = "Run the pool's reports and LV changes in two long-running "
            + "lvm shells, one for each (lvm with no arguments, commands on stdin, as lvmdbusd does) instead of one lvm "
            + "process per command; falls back to processes if a shell cannot start")
    boolean lvmShell() default true;

    @AttributeDefinition(name = "lvm shell commands", min = "1", description = "How many commands one lvm shell runs "
            + "before it is replaced by a fresh one (the shell's memory grows by about 1.6 KB per command)")
    int lvmShellMaxCommands() default 500;

    @AttributeDefinition(name = "Extra lvm configuration", description = "Passed as --config to every lvm command, "
            + "e.g. global{activation=0} devices{filter=[\"a|^/dev/sdb$|\",\"r|.*|\"]}; empty: none", required = false)
    String lvmConfig() default "";

    @AttributeDefinition(name = "Activate on create", description = "Whether lvcreate activates the new volume "
            + "(-aey); false: created inactive (-an), for the host that runs the machine to activate")
    boolean activate() default false;

    @AttributeDefinition(name = "Largest volume (GiB)", description = "Largest volume one create may ask for, in GiB")
    long maxVolumeGiB() default 2048;

    @AttributeDefinition(name = "Metadata floor (volumes)", description = "A create is refused unless the VG's "
            + "metadata area would still hold this many more volumes after it")
    int metadataFloorVolumes() default 16;

    @AttributeDefinition(name = "Initial metadata bytes per volume", description = "Metadata one volume is assumed "
            + "to take while the VG has no LVs to learn it from (measured about 350 bytes, see docs/lvm.md)")
    long metadataInitialBytesPerVolume() default 512;

    @AttributeDefinition(name = "Metadata warning (%)", description = "Health warns when less than this share of "
            + "the usable metadata space (half the area) is free")
    int metadataWarnPercent() default 25;

    @AttributeDefinition(name = "Init margin (%)", description = "init: extra metadata area on top of "
            + "target volumes x bytes per volume x 2")
    int initMetadataMarginPercent() default 50;

    @AttributeDefinition(name = "Lock wait (s)", description = "How long a metadata change waits for the "
            + "volume group's lock storage:lvm:<vg>")
    long lockWaitSeconds() default 60;

    @AttributeDefinition(name = "Lock lease (s)", description = "Lease time of the volume group's lock; must be "
            + "longer than two lvm commands (2 x commandTimeoutSeconds)")
    long lockTtlSeconds() default 300;
}
