package io.vmpool.api.hypervisor;

import java.util.Objects;

/** One disk of a domain: where its data is and the device name the guest sees (vda, vdb...). */
public record DiskSpec(String sourcePath, Kind kind, String targetDevice) {

    /** A file on a file system, or a block device (an LV). */
    public enum Kind { FILE, BLOCK }

    public DiskSpec {
        Objects.requireNonNull(sourcePath, "sourcePath");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(targetDevice, "targetDevice");
    }
}
