package io.vmpool.health.internal.edac;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the kernel's EDAC sysfs tree (Documentation/ABI/testing/sysfs-devices-edac) under a
 * configured root: mc/mc*&#47;{ce_count, ce_noinfo_count, ue_count, ue_noinfo_count, mc_name,
 * size_mb, seconds_since_reset} and each controller's dimm* or rank* directories; a controller
 * with neither is read in the older csrow layout. A file that is missing or unreadable is noted
 * in the sample's problems and the rest is still read.
 */
public final class EdacReader {
    private static final Logger LOG = LoggerFactory.getLogger(EdacReader.class);
    private static final Pattern NUMBERED = Pattern.compile("(mc|dimm|rank|csrow)(\\d+)");
    private static final Pattern CHANNEL_COUNT = Pattern.compile("ch(\\d+)_ce_count");

    private final Path root;

    /** A reader of the tree under {@code root} (io.vmpool.health.edac edacRoot, normally /sys/devices/system/edac). */
    public EdacReader(Path root) {
        this.root = root;
    }

    /** Reads every controller now; {@code takenAt} is the time the sample is recorded with. */
    public EdacSample read(Instant takenAt) {
        List<String> problems = new ArrayList<>();
        Path mcDir = root.resolve("mc");
        if (!Files.isDirectory(mcDir)) {
            problems.add("no EDAC memory controllers: " + mcDir + " is not a directory (is an EDAC driver loaded? "
                    + "the root is io.vmpool.health.edac edacRoot)");
            return new EdacSample(takenAt, List.of(), problems);
        }
        List<MemoryControllerCounters> controllers = new ArrayList<>();
        for (Path mc : numbered(mcDir, "mc", problems)) {
            controllers.add(controller(mc, problems));
        }
        return new EdacSample(takenAt, controllers, problems);
    }

    private MemoryControllerCounters controller(Path mc, List<String> problems) {
        String name = mc.getFileName().toString();
        List<Path> dimmDirs = new ArrayList<>(numbered(mc, "dimm", problems));
        dimmDirs.addAll(numbered(mc, "rank", problems));
        List<DimmCounters> dimms = new ArrayList<>();
        for (Path dimm : dimmDirs) {
            DimmId id = new DimmId(name, dimm.getFileName().toString());
            dimms.add(new DimmCounters(id, text(dimm, "dimm_label"), text(dimm, "dimm_location"),
                    text(dimm, "dimm_mem_type"), text(dimm, "dimm_edac_mode"), number(dimm, "size", problems, false),
                    number(dimm, "dimm_ce_count", problems, true).orElse(0),
                    number(dimm, "dimm_ue_count", problems, true)));
        }
        if (dimmDirs.isEmpty()) {
            for (Path csrow : numbered(mc, "csrow", problems)) {
                dimms.addAll(csrowChannels(name, csrow, problems));
            }
        }
        return new MemoryControllerCounters(name, text(mc, "mc_name"), number(mc, "size_mb", problems, false),
                number(mc, "ce_count", problems, true).orElse(0), number(mc, "ce_noinfo_count", problems, false),
                number(mc, "ue_count", problems, true).orElse(0), number(mc, "ue_noinfo_count", problems, false),
                number(mc, "seconds_since_reset", problems, false), dimms);
    }

    private List<DimmCounters> csrowChannels(String controller, Path csrow, List<String> problems) {
        List<DimmCounters> channels = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        try (Stream<Path> files = Files.list(csrow)) {
            files.forEach(f -> {
                Matcher m = CHANNEL_COUNT.matcher(f.getFileName().toString());
                if (m.matches()) {
                    numbers.add(Integer.valueOf(m.group(1)));
                }
            });
        } catch (IOException e) {
            problems.add("cannot list " + csrow + ": " + e.getMessage());
            return channels;
        }
        numbers.sort(Comparator.naturalOrder());
        for (int ch : numbers) {
            DimmId id = new DimmId(controller, csrow.getFileName() + "/ch" + ch);
            channels.add(new DimmCounters(id, text(csrow, "ch" + ch + "_dimm_label"),
                    csrow.getFileName() + " channel " + ch, text(csrow, "mem_type"), text(csrow, "edac_mode"),
                    OptionalLong.empty(), number(csrow, "ch" + ch + "_ce_count", problems, true).orElse(0),
                    OptionalLong.empty()));
        }
        return channels;
    }

    /** The entries named prefix+number, in numeric order (mc2 before mc10). */
    private static List<Path> numbered(Path dir, String prefix, List<String> problems) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).filter(p -> {
                Matcher m = NUMBERED.matcher(p.getFileName().toString());
                return m.matches() && m.group(1).equals(prefix);
            }).sorted(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(prefix.length()))))
                    .toList();
        } catch (IOException e) {
            problems.add("cannot list " + dir + ": " + e.getMessage());
            return List.of();
        }
    }

    private static String text(Path dir, String file) {
        Path path = dir.resolve(file);
        try {
            return Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.UTF_8).strip() : "";
        } catch (IOException e) {
            LOG.debug("cannot read {}: {}", path, e.getMessage());
            return "";
        }
    }

    /** A decimal counter; a missing file is a problem only when {@code required}, a garbled one always. */
    private static OptionalLong number(Path dir, String file, List<String> problems, boolean required) {
        Path path = dir.resolve(file);
        if (!Files.isRegularFile(path)) {
            if (required) {
                problems.add("missing " + path);
            }
            return OptionalLong.empty();
        }
        String value = "";
        try {
            value = Files.readString(path, StandardCharsets.UTF_8).strip();
            return OptionalLong.of(Long.parseLong(value));
        } catch (IOException e) {
            problems.add("cannot read " + path + ": " + e.getMessage());
        } catch (NumberFormatException e) {
            problems.add("not a number in " + path + ": '" + value + "'");
        }
        return OptionalLong.empty();
    }
}
