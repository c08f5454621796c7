package io.vmpool.health.internal.edac;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an EDAC sysfs tree in a temp directory, laid out as the kernel's (see
 * Documentation/ABI/testing/sysfs-devices-edac): values end with a newline as sysfs prints them.
 */
public final class EdacTree {
    private final Path root;

    public EdacTree(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public EdacTree controller(String mc, String mcName, long sizeMb, long ce, long ue) {
        Path dir = root.resolve("mc").resolve(mc);
        write(dir.resolve("mc_name"), mcName);
        write(dir.resolve("size_mb"), Long.toString(sizeMb));
        write(dir.resolve("ce_count"), Long.toString(ce));
        write(dir.resolve("ce_noinfo_count"), "0");
        write(dir.resolve("ue_count"), Long.toString(ue));
        write(dir.resolve("ue_noinfo_count"), "0");
        write(dir.resolve("seconds_since_reset"), "86400");
        return this;
    }

    public EdacTree dimm(String mc, String dimm, String label, String mode, long ce, long ue) {
        Path dir = root.resolve("mc").resolve(mc).resolve(dimm);
        write(dir.resolve("dimm_label"), label);
        write(dir.resolve("dimm_location"), "channel " + dimm.substring(dimm.length() - 1) + " slot 0 ");
        write(dir.resolve("dimm_mem_type"), "Registered-DDR4");
        write(dir.resolve("dimm_dev_type"), "x4");
        write(dir.resolve("dimm_edac_mode"), mode);
        write(dir.resolve("size"), "16384");
        write(dir.resolve("dimm_ce_count"), Long.toString(ce));
        write(dir.resolve("dimm_ue_count"), Long.toString(ue));
        return this;
    }

    EdacTree dimmCe(String mc, String dimm, long ce) {
        write(root.resolve("mc").resolve(mc).resolve(dimm).resolve("dimm_ce_count"), Long.toString(ce));
        return this;
    }

    public EdacTree csrow(String mc, String csrow, String mode, long... channelCe) {
        Path dir = root.resolve("mc").resolve(mc).resolve(csrow);
        write(dir.resolve("edac_mode"), mode);
        write(dir.resolve("mem_type"), "Unbuffered-DDR3");
        write(dir.resolve("dev_type"), "x8");
        write(dir.resolve("size_mb"), "4096");
        long total = 0;
        for (int ch = 0; ch < channelCe.length; ch++) {
            write(dir.resolve("ch" + ch + "_ce_count"), Long.toString(channelCe[ch]));
            write(dir.resolve("ch" + ch + "_dimm_label"), "DIMM_" + (char) ('A' + ch) + csrow.substring(5));
            total += channelCe[ch];
        }
        write(dir.resolve("ce_count"), Long.toString(total));
        write(dir.resolve("ue_count"), "0");
        return this;
    }

    public void write(Path file, String value) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, value + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
