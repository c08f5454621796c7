package io.vmpool.core.internal;

import io.vmpool.api.InvalidRequestException;
import io.vmpool.api.machine.MachineSpec;
import io.vmpool.api.placement.PlacementRequest;
import java.util.regex.Pattern;

/** Checks a machine request against the naming rule and the configured maxima before anything changes. */
final class MachineValidator {
    static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");
    private static final Pattern OWNER = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$");
    private static final Pattern POOL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");

    private final CoreConfig config;

    MachineValidator(CoreConfig config) {
        this.config = config;
    }

    void validate(MachineSpec spec, String owner) {
        if (spec == null) {
            throw new InvalidRequestException("spec", "required", "the request has no machine description");
        }
        validateName(spec.name());
        range("memoryMiB", spec.memoryMiB(), config.maxMemoryMiB(), "MiB", "maxMemoryMiB");
        range("vcpus", spec.vcpus(), config.maxVcpus(), "", "maxVcpus");
        range("diskGiB", spec.diskGiB(), config.maxDiskGiB(), "GiB", "maxDiskGiB");
        if (owner == null || owner.isBlank()) {
            throw new InvalidRequestException("owner", "required", "owner is required");
        }
        if (!OWNER.matcher(owner).matches()) {
            throw new InvalidRequestException("owner", OWNER.pattern(),
                    "owner '" + printable(owner) + "' must match " + OWNER.pattern());
        }
        if (spec.pool() != null && !POOL.matcher(spec.pool()).matches()) {
            throw new InvalidRequestException("pool", POOL.pattern(), "pool '" + printable(spec.pool())
                    + "' must match " + POOL.pattern() + " (a storage pool's id, as storage:list shows)");
        }
    }

    /** A size to place: the same limits as a machine's. */
    void validate(PlacementRequest request) {
        if (request == null) {
            throw new InvalidRequestException("request", "required", "the request has no machine size");
        }
        range("memoryMiB", request.memoryMiB(), config.maxMemoryMiB(), "MiB", "maxMemoryMiB");
        range("vcpus", request.vcpus(), config.maxVcpus(), "", "maxVcpus");
        range("diskGiB", request.diskGiB(), config.maxDiskGiB(), "GiB", "maxDiskGiB");
    }

    static void validateName(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidRequestException("name", "required", "name is required");
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidRequestException("name", NAME.pattern(), "name '" + printable(name)
                    + "' must match " + NAME.pattern()
                    + ": start with a lower-case letter, then up to 62 lower-case letters, digits or '-'");
        }
    }

    private static void range(String field, long value, long max, String unit, String limit) {
        String u = unit.isEmpty() ? "" : " " + unit;
        if (value <= 0) {
            throw new InvalidRequestException(field, "> 0", field + " must be positive, was " + value);
        }
        if (value > max) {
            throw new InvalidRequestException(field, "<= " + max, field + " " + value + u + " is above the maximum of "
                    + max + u + " (" + limit + " in " + CoreConfig.PID + ")");
        }
    }

    /** Keeps user text out of messages in a form that cannot inject markup or control characters. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        int max = Math.min(s.length(), 80);
        for (int i = 0; i < max; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f && c != '<' && c != '>' && c != '&' ? c : '?');
        }
        if (s.length() > max) {
            sb.append("...");
        }
        return sb.toString();
    }
}
