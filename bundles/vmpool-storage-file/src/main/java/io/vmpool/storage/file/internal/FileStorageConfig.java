package io.vmpool.storage.file.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the file storage pool (PID {@value #PID}): every default and limit lives here. */
@ObjectClassDefinition(id = FileStorageConfig.PID, name = "vmpool file storage pool",
        description = "Machine disks as sparse raw image files in one directory")
public @interface FileStorageConfig {
    String PID = "io.vmpool.storage.file";

    /**
     * The pool id. The attribute is named after the service property {@code vmpool.storage.pool}
     * so the configured value is also the published property, with no second copy to keep in step.
     */
    @AttributeDefinition(name = "Pool id", description = "Id of this pool; every volume id starts with it "
            + "(published as service property vmpool.storage.pool)")
    String vmpool_storage_pool() default "file";

    @AttributeDefinition(name = "Directory", description = "Directory holding the image files; ${name} is replaced by the "
            + "framework (or system) property of that name")
    String directory() default "${karaf.data}/vmpool/images";

    @AttributeDefinition(name = "Largest volume (GiB)", description = "Largest volume one create may ask for, in GiB")
    long maxVolumeGiB() default 2048;

    @AttributeDefinition(name = "Free space floor (MiB)", description = "Space that must stay usable on the file system after a create, in MiB "
            + "(0: none)")
    long minFreeMiB() default 1024;
}
