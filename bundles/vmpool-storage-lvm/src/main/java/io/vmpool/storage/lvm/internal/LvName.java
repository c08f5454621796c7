package io.vmpool.storage.lvm.internal;

import io.vmpool.api.InvalidRequestException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The logical volume of one machine disk, {@code vmpool_<machine>_<disk>}, checked against vmpool's
 * machine and disk rules and against lvm2's own (lvm(8) "VALID NAMES", and the lengths measured in
 * docs/lvm.md), so lvcreate never has to refuse it. Machine and disk names have no underscore, so
 * the name alone says whose disk it is.
 */
record LvName(String machine, String disk) {
    static final String MACHINE_RULE = "^[a-z][a-z0-9-]{0,62}$";
    static final String DISK_RULE = "^[a-z0-9]{1,16}$";
    /** Tag every vmpool volume carries, so {@code lvs @vmpool} lists exactly vmpool's volumes. */
    static final String TAG = "vmpool";
    static final String MACHINE_TAG_PREFIX = "vmpool_machine_";
    /** lvm2 2.03.16 refuses an LV whose name contains one of these (measured; lvm(8) lists most). */
    static final List<String> RESERVED_PARTS = List.of("_cdata", "_cmeta", "_corig", "_cpool", "_cvol", "_imeta",
            "_iorig", "_mimage", "_mlog", "_pmspare", "_rimage", "_rmeta", "_tdata", "_tmeta", "_vdata", "_vorigin",
            "_wcorig");
    static final List<String> RESERVED_PREFIXES = List.of("snapshot", "pvmove");
    /**
     * lvm2 refuses {@code vg/lv} when vg + lv + 3 exceeds 127 (its "LV name ... length N is not supported",
     * NAME_LEN 128), i.e. vg + lv at most 124 characters.
     */
    static final int MAX_VG_PLUS_LV = 124;
    /** device-mapper names ({@code vg-lv}, each '-' doubled) are at most 127 characters (DM_NAME_LEN 128). */
    static final int MAX_DM_NAME = 127;

    private static final Pattern MACHINE = Pattern.compile(MACHINE_RULE);
    private static final Pattern DISK = Pattern.compile(DISK_RULE);
    private static final Pattern LV = Pattern.compile("vmpool_([a-z][a-z0-9-]{0,62})_([a-z0-9]{1,16})");
    private static final Pattern LVM_CHARS = Pattern.compile("[a-zA-Z0-9+_.-]+");

    /** Validates both parts; the exception names the field and the rule it broke. */
    LvName {
        check("machine", machine, MACHINE, MACHINE_RULE);
        check("disk", disk, DISK, DISK_RULE);
        String lv = "vmpool_" + machine + "_" + disk;
        for (String part : RESERVED_PARTS) {
            if (lv.contains(part)) {
                throw new InvalidRequestException(("_" + disk).contains(part) ? "disk" : "machine",
                        "LV name without " + part, "logical volume name '" + lv + "' contains '" + part
                                + "', which lvm reserves for its internal volumes; choose another machine or disk name");
            }
        }
    }

    /** The name of an LV of vmpool, or empty for any other LV. */
    static Optional<LvName> parse(String lvName) {
        Matcher m = lvName == null ? null : LV.matcher(lvName);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LvName(m.group(1), m.group(2)));
        } catch (InvalidRequestException e) {
            return Optional.empty();
        }
    }

    String lvName() {
        return "vmpool_" + machine + "_" + disk;
    }

    String machineTag() {
        return MACHINE_TAG_PREFIX + machine;
    }

    /** Checks the lengths lvm and device-mapper allow for this name in {@code vg}. */
    void checkFits(String vg) {
        String lv = lvName();
        if (vg.length() + lv.length() > MAX_VG_PLUS_LV) {
            throw new InvalidRequestException("machine", "VG + LV name <= " + MAX_VG_PLUS_LV + " characters",
                    "logical volume name '" + lv + "' (" + lv.length() + " characters) is too long for volume group "
                            + vg + " (" + vg.length() + "): lvm allows VG + LV names of at most " + MAX_VG_PLUS_LV
                            + " characters together; choose a shorter machine or disk name");
        }
        int dm = dmEscaped(vg).length() + 1 + dmEscaped(lv).length();
        if (dm > MAX_DM_NAME) {
            throw new InvalidRequestException("machine", "device-mapper name <= " + MAX_DM_NAME + " characters",
                    "logical volume " + vg + "/" + lv + " would have a device-mapper name of " + dm
                            + " characters (vg-lv with each '-' doubled), more than the " + MAX_DM_NAME
                            + " device-mapper allows; choose a shorter machine name or one with fewer '-'");
        }
    }

    /** Checks a VG name against lvm's rules (for configuration and init); the message names the rule. */
    static String checkVgName(String vg, String key) {
        if (vg == null || vg.isBlank()) {
            throw new IllegalArgumentException(key + " is empty (set it in " + LvmStorageConfig.PID + ")");
        }
        if (!LVM_CHARS.matcher(vg).matches() || vg.startsWith("-") || vg.equals(".") || vg.equals("..")) {
            throw new IllegalArgumentException(key + " '" + vg + "' is not a valid volume group name: lvm allows "
                    + "a-z A-Z 0-9 + _ . - , not starting with '-', and not '.' or '..' (fix it in "
                    + LvmStorageConfig.PID + ")");
        }
        return vg;
    }

    private static String dmEscaped(String name) {
        return name.replace("-", "--");
    }

    private static void check(String field, String value, Pattern pattern, String rule) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new InvalidRequestException(field, rule, field + " '" + (value == null ? "" : value)
                    + "' is not a valid " + field + " name: it must match " + rule);
        }
    }
}
