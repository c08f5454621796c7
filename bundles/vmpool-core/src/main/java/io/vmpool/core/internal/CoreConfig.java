package io.vmpool.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the machine service (PID {@value #PID}): every request limit and timeout lives here. */
@ObjectClassDefinition(id = CoreConfig.PID, name = "vmpool machine service",
        description = "Request limits, roles and timeouts of the machine lifecycle")
public @interface CoreConfig {
    String PID = "io.vmpool.core";

    @AttributeDefinition(description = "Role whose holders see and act on every machine")
    String adminRole() default "vmpool-admin";

    @AttributeDefinition(description = "Largest memory one machine may ask for, in MiB")
    long maxMemoryMiB() default 65536;

    @AttributeDefinition(description = "Most virtual CPUs one machine may ask for")
    int maxVcpus() default 32;

    @AttributeDefinition(description = "Largest disk one machine may ask for, in GiB")
    long maxDiskGiB() default 2048;

    @AttributeDefinition(description = "Storage pool new disks go to (a pool's id, e.g. file or vg0)")
    String defaultStoragePool() default "file";

    @AttributeDefinition(description = "How long a request waits for another request on the same machine, in ms")
    long lockWaitMillis() default 10000;

    @AttributeDefinition(description = "Lease time of a lock taken for one operation, in seconds")
    long lockTtlSeconds() default 600;

    @AttributeDefinition(description = "How long vm:stop waits for the guest to shut down, in seconds")
    long stopTimeoutSeconds() default 120;

    @AttributeDefinition(description = "Directory on every host where libvirt appends each machine's serial console "
            + "(<machine>-serial.log; vmpool-health keeps the last part of it for vm:console); empty: no serial log")
    String consoleLogDirectory() default "/var/log/libvirt/qemu";

    @AttributeDefinition(description = "How often every host gets a heartbeat (a cheap libvirt call), in seconds (0: none)")
    long heartbeatSeconds() default 10;

    @AttributeDefinition(description = "How long a heartbeat may take before it counts as missed, in ms")
    long heartbeatTimeoutMillis() default 5000;

    @AttributeDefinition(description = "Whether placement may use DEGRADED hosts (corrected errors over the rate)")
    boolean placeOnDegraded() default false;

    @AttributeDefinition(description = "How placement ranks the hosts that pass every filter: most-free (spread machines"
            + " out) or packing (fill hosts up: the least free memory that still holds the machine)")
    String placementWeigher() default "most-free";

    @AttributeDefinition(description = "Placement filters, comma-separated, from maintenance, health, memory (required)"
            + " and n-plus-k")
    String placementFilters() default "maintenance,health,memory,n-plus-k";

    @AttributeDefinition(description = "N+k: refuse a placement after which the machines of some k usable hosts could"
            + " not all restart on the others (0: off; needs n-plus-k in placementFilters)")
    int nPlusK() default 0;

    @AttributeDefinition(description = "Machine size pool:capacity and GET /capacity assume when asked without one: memory, in MiB")
    long capacityMemoryMiB() default 1024;

    @AttributeDefinition(description = "Machine size pool:capacity and GET /capacity assume when asked without one: disk, in GiB")
    long capacityDiskGiB() default 10;

    @AttributeDefinition(description = "Most machines one owner may have, requests on the waiting list included (0: unlimited)")
    int quotaMachines() default 0;

    @AttributeDefinition(description = "Most memory one owner's machines may have together, in MiB, requests on the waiting"
            + " list included (0: unlimited)")
    long quotaMemoryMiB() default 0;

    @AttributeDefinition(description = "How long a create may wait on the waiting list before it expires, in minutes")
    long queueExpiryMinutes() default 1440;

    @AttributeDefinition(description = "How often the waiting list is retried even when nothing announced new capacity"
            + " (e.g. a host leaving maintenance or probation), in seconds")
    long queueRetrySeconds() default 60;

    @AttributeDefinition(description = "Whether a waiting request that fits boots past an earlier one that does not"
            + " (false: strict first in, first out)")
    boolean queueSkipAhead() default false;

    @AttributeDefinition(description = "How often admins get one digest of the creates refused for lack of capacity and"
            + " the requests waiting, in minutes (0: never)")
    long demandDigestMinutes() default 1440;

    @AttributeDefinition(description = "Alert once when the usable hosts' free memory falls below this percentage of"
            + " their memory after reserves (0: off)")
    int capacityAlertFreePercent() default 0;

    @AttributeDefinition(description = "Alert once when the largest machine a usable host could take falls below this"
            + " memory, in MiB (0: off)")
    long capacityAlertLargestMiB() default 0;

    @AttributeDefinition(description = "How often the capacity thresholds are checked besides after each create and"
            + " delete, in seconds")
    long capacityCheckSeconds() default 60;

    @AttributeDefinition(description = "How many machines a host's drain (host:maintenance) moves at once (at least 1)")
    int evacuationParallelism() default 1;
}
