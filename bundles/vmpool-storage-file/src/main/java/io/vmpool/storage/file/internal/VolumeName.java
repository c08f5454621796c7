package io.vmpool.storage.file.internal;

import io.vmpool.api.InvalidRequestException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file name of one machine disk, {@code vmpool_<machine>_<disk>.img}. Machine names have no
 * underscore and disk names neither, so the name alone says whose disk it is, and no valid name
 * can hold a path separator or {@code ..}.
 */
record VolumeName(String machine, String disk) {
    static final String MACHINE_RULE = "^[a-z][a-z0-9-]{0,62}$";
    static final String DISK_RULE = "^[a-z0-9]{1,16}$";
    private static final Pattern MACHINE = Pattern.compile(MACHINE_RULE);
    private static final Pattern DISK = Pattern.compile(DISK_RULE);
    private static final Pattern FILE = Pattern.compile("vmpool_([a-z][a-z0-9-]{0,62})_([a-z0-9]{1,16})\\.img");

    /** Validates both parts; the exception names the field and the rule it broke. */
    VolumeName {
        check("machine", machine, MACHINE, MACHINE_RULE);
        check("disk", disk, DISK, DISK_RULE);
    }

    /** The name a file of this pool has, or empty for any other file. */
    static Optional<VolumeName> parse(String fileName) {
        Matcher m = FILE.matcher(fileName);
        return m.matches() ? Optional.of(new VolumeName(m.group(1), m.group(2))) : Optional.empty();
    }

    String fileName() {
        return "vmpool_" + machine + "_" + disk + ".img";
    }

    private static void check(String field, String value, Pattern pattern, String rule) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new InvalidRequestException(field, rule, field + " '" + (value == null ? "" : value)
                    + "' is not a valid " + field + " name: it must match " + rule);
        }
    }
}
