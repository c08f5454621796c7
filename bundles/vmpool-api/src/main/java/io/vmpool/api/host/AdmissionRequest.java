package io.vmpool.api.host;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code host:add} asks for: the host's name and connection URI, the memory kept back for it
 * (empty: the core's default), where the probes read its hardware facts ({@code sources}, e.g.
 * {@link #EDAC_ROOT}, {@link #DMIDECODE}, {@link #SETTINGS}; empty for the probes' defaults), and
 * the names of checks the admin accepts failing.
 */
public record AdmissionRequest(String name, String uri, OptionalLong reservedMemoryMiB, Map<String, String> sources,
        Set<String> accept) {

    /** A directory laid out like /sys/devices/system/edac (with an {@code mc} directory in it). */
    public static final String EDAC_ROOT = "edacRoot";
    /** A file holding what {@code dmidecode} printed on the host. */
    public static final String DMIDECODE = "dmidecode";
    /** A key=value file of settings the admin exported from the host (BIOS settings from a vendor tool). */
    public static final String SETTINGS = "settings";

    public AdmissionRequest {
        Objects.requireNonNull(reservedMemoryMiB, "reservedMemoryMiB");
        sources = Map.copyOf(new TreeMap<>(sources));
        accept = Set.copyOf(accept);
    }
}
