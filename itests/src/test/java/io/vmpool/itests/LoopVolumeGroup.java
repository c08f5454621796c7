package io.vmpool.itests;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real LVM volume group on a loop device over a sparse file, made by an itest and removed by it:
 * exactly its own file, loop device, PV and VG. Every lvm command, the pool's included (through
 * {@link #lvmConfig}), sees only this loop device and runs without device-mapper (activation=0).
 */
final class LoopVolumeGroup implements AutoCloseable {
    final Path file;
    final String loop;
    final String name;
    final String lvmConfig;

    private LoopVolumeGroup(Path file, String loop, String name) {
        this.file = file;
        this.loop = loop;
        this.name = name;
        String only = "[\"a|^" + loop + "$|\",\"r|.*|\"]";
        this.lvmConfig = "global{activation=0} devices{filter=" + only + " global_filter=" + only + " use_devicesfile=0}";
    }

    /** A VG of {@code bytes} (sparse, 1 MiB extents) on a PV whose metadata area is {@code metadataSize}. */
    static LoopVolumeGroup create(Path dir, long bytes, String metadataSize, String dataAlignment) throws IOException {
        String name = "vmpoolit_" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".img").toAbsolutePath();
        try (var ch = Files.newByteChannel(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.position(bytes - 1).write(ByteBuffer.wrap(new byte[1]));
        }
        String loop = run("losetup", "-f", "--show", file.toString()).strip();
        LoopVolumeGroup vg = new LoopVolumeGroup(file, loop, name);
        try {
            vg.lvm("pvcreate", "--metadatasize", metadataSize, "--dataalignment", dataAlignment, loop);
            vg.lvm("vgcreate", "-s", "1m", name, loop);
        } catch (RuntimeException e) {
            vg.close();
            throw e;
        }
        return vg;
    }

    /** A loop device over a sparse file of {@code bytes} with nothing on it yet, and the name its VG is to have. */
    static LoopVolumeGroup bare(Path dir, long bytes) throws IOException {
        String name = "vmpoolit_" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".img").toAbsolutePath();
        try (var ch = Files.newByteChannel(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.position(bytes - 1).write(ByteBuffer.wrap(new byte[1]));
        }
        return new LoopVolumeGroup(file, run("losetup", "-f", "--show", file.toString()).strip(), name);
    }

    /** {@code lvm <args[0]> --config <only this device> <args[1..]>}; fails on a non-zero exit. */
    String lvm(String... args) {
        List<String> cmd = new ArrayList<>(List.of("lvm", args[0], "--config", lvmConfig));
        cmd.addAll(Arrays.asList(args).subList(1, args.length));
        return run(cmd.toArray(String[]::new));
    }

    /** The LV names in the VG, as lvm lists them. */
    String lvs() {
        return lvm("lvs", "--noheadings", "-o", "lv_name", name);
    }

    @Override
    public void close() {
        try {
            if (lvm("vgs", "--noheadings", "-o", "vg_name").contains(name)) {
                lvm("vgremove", "-f", "-y", name);
            }
            if (lvm("pvs", "--noheadings", "-o", "pv_name").contains(loop)) {
                lvm("pvremove", "-y", loop);
            }
        } finally {
            run("losetup", "-d", loop);
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String run(String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("LVM_SUPPRESS_FD_WARNINGS", "1");
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
            }
            // every command says so under activation=0; it is not output
            return new String(out, StandardCharsets.UTF_8).lines().filter(l -> !l.contains("WARNING: Activation disabled"))
                    .reduce("", (a, b) -> a + b + "\n");
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
