package io.vmpool.health.internal.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fingerprint facts from {@code dmidecode}'s text output (docs/admission.md): BIOS (type 0), system
 * (1), board (2), processors (4) and installed memory devices (17). Serial numbers, UUIDs and asset
 * tags are left out: they differ between any two hosts. Lines it does not understand are skipped;
 * output with no DMI structure at all is a problem, not an empty fingerprint.
 */
final class DmidecodeFacts {
    private static final Pattern HANDLE = Pattern.compile("^Handle 0x[0-9A-Fa-f]+, DMI type (\\d+), \\d+ bytes$");
    private static final Pattern SIZE = Pattern.compile("^(\\d+) (kB|MB|GB|TB)$");
    private static final Map<String, String> BIOS = Map.of("Vendor", "vendor", "Version", "version",
            "Release Date", "date", "BIOS Revision", "revision", "Firmware Revision", "firmwareRevision");
    private static final Map<String, String> SYSTEM = Map.of("Manufacturer", "manufacturer", "Product Name", "product",
            "Version", "version", "Family", "family");
    private static final Map<String, String> BOARD = Map.of("Manufacturer", "manufacturer", "Product Name", "product",
            "Version", "version");
    private static final Map<String, String> DIMM = Map.of("Size", "size", "Speed", "speed",
            "Configured Memory Speed", "configuredSpeed", "Configured Clock Speed", "configuredSpeed", "Type", "type",
            "Manufacturer", "manufacturer", "Part Number", "part", "Rank", "rank");

    /** The facts read, and what could not be. */
    record Result(Map<String, String> facts, List<String> problems) {
    }

    /** One DMI structure: its type, and its "Key: Value" lines in order. */
    private record Structure(int type, Map<String, String> fields) {
    }

    private DmidecodeFacts() {
    }

    static Result parse(String output) {
        List<Structure> structures = structures(output);
        Map<String, String> facts = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        if (structures.isEmpty()) {
            problems.add("no DMI structure in the output (no line 'Handle 0x…, DMI type N, … bytes'): is it dmidecode's?");
            return new Result(facts, problems);
        }
        int processors = 0;
        int dimms = 0;
        long totalMiB = 0;
        for (Structure s : structures) {
            switch (s.type()) {
                case 0 -> copy(s, BIOS, "bios.", facts);
                case 1 -> copy(s, SYSTEM, "system.", facts);
                case 2 -> copy(s, BOARD, "board.", facts);
                case 4 -> {
                    if (s.fields().getOrDefault("Status", "").startsWith("Populated")) {
                        processors++;
                        facts.putIfAbsent("cpu.dmi.version", s.fields().getOrDefault("Version", ""));
                        putIfPresent(facts, "cpu.dmi.cores", s.fields().get("Core Count"));
                    }
                }
                case 17 -> {
                    String size = s.fields().getOrDefault("Size", "");
                    long mib = mebibytes(size);
                    if (mib <= 0) {
                        continue; // "No Module Installed", an empty slot
                    }
                    dimms++;
                    totalMiB += mib;
                    String locator = s.fields().getOrDefault("Locator", "").isBlank()
                            ? "slot" + dimms : s.fields().get("Locator");
                    String prefix = "memory." + locator + ".";
                    if (facts.containsKey(prefix + "size")) {
                        prefix = "memory." + s.fields().getOrDefault("Bank Locator", "") + "/" + locator + ".";
                    }
                    copy(s, DIMM, prefix, facts);
                }
                default -> {
                }
            }
        }
        if (processors > 0) {
            facts.put("cpu.sockets", Integer.toString(processors));
        }
        facts.put("memory.dimms", Integer.toString(dimms));
        facts.put("memory.totalMiB", Long.toString(totalMiB));
        facts.values().removeIf(String::isBlank);
        return new Result(facts, problems);
    }

    /** A DMI size in MiB: "16384 MB", "16 GB", "512 kB"; 0 for an empty slot or what is not a size. */
    static long mebibytes(String size) {
        Matcher m = SIZE.matcher(size.strip());
        if (!m.matches()) {
            return 0;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "kB" -> n / 1024;
            case "MB" -> n;
            case "GB" -> n * 1024;
            default -> n * 1024 * 1024;
        };
    }

    private static List<Structure> structures(String output) {
        List<Structure> out = new ArrayList<>();
        Map<String, String> fields = null;
        int type = -1;
        boolean title = false;
        for (String raw : output.split("\r?\n")) {
            Matcher handle = HANDLE.matcher(raw.strip());
            if (handle.matches()) {
                if (fields != null) {
                    out.add(new Structure(type, fields));
                }
                type = Integer.parseInt(handle.group(1));
                fields = new LinkedHashMap<>();
                title = true;
                continue;
            }
            if (fields == null) {
                continue;
            }
            if (title) {
                title = false; // "BIOS Information", "Memory Device", ...
                continue;
            }
            // one tab: "Key: Value"; two tabs: an item of a list such as Characteristics, skipped
            if (raw.startsWith("\t") && !raw.startsWith("\t\t")) {
                int colon = raw.indexOf(':');
                if (colon > 1) {
                    fields.putIfAbsent(raw.substring(1, colon).strip(), raw.substring(colon + 1).strip());
                }
            }
        }
        if (fields != null) {
            out.add(new Structure(type, fields));
        }
        return out;
    }

    private static void copy(Structure s, Map<String, String> names, String prefix, Map<String, String> facts) {
        s.fields().forEach((key, value) -> {
            String name = names.get(key);
            if (name != null && !value.isEmpty()) {
                facts.putIfAbsent(prefix + name, value);
            }
        });
    }

    private static void putIfPresent(Map<String, String> facts, String key, String value) {
        if (value != null && !value.isBlank()) {
            facts.putIfAbsent(key, value);
        }
    }
}
