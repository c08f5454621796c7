package io.vmpool.storage.lvm.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real volume group on a loop device over a sparse file, for tests: {@code losetup -f --show},
 * {@code pvcreate --metadatasize}, {@code vgcreate vmpooltest_<random>}; {@link #close} removes exactly
 * that VG, PV and loop device. Every lvm command (here and in the pool under test, through
 * {@link #lvmConfig}) sees only this loop device and never touches device-mapper.
 */
final class LoopVg implements AutoCloseable {
    static final String PREFIX = "vmpooltest_";

    final Path file;
    final String loop;
    final String vg;
    final String lvmConfig;
    private boolean closed;

    private LoopVg(Path file, String loop, String vg) {
        this.file = file;
        this.loop = loop;
        this.vg = vg;
        String only = "[\"a|^" + loop + "$|\",\"r|.*|\"]";
        this.lvmConfig = "global{activation=0} devices{filter=" + only + " global_filter=" + only
                + " use_devicesfile=0}";
    }

    /** Skips the calling test (with the reason) unless it runs as root with losetup and lvm. */
    static void assumeLvm() {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root (losetup, pvcreate)");
        assumeTrue(Files.exists(Path.of("/dev/loop-control")), "needs /dev/loop-control (loop devices)");
        assumeTrue(onPath("losetup"), "needs losetup on PATH");
        assumeTrue(onPath("lvm"), "needs lvm2 (lvm on PATH)");
    }

    /**
     * Creates a VG of {@code fileBytes} (sparse) with 1 MiB extents whose PV has a metadata area of
     * {@code metadataSize} (pvcreate syntax, e.g. {@code 1m}), aligned to {@code dataAlignment} (null: lvm's default).
     */
    static LoopVg create(Path dir, long fileBytes, String metadataSize, String dataAlignment) throws IOException {
        LoopVg v = bare(dir, fileBytes);
        try {
            List<String> pv = new ArrayList<>(List.of("pvcreate", "--metadatasize", metadataSize));
            if (dataAlignment != null) {
                pv.addAll(List.of("--dataalignment", dataAlignment));
            }
            pv.add(v.loop);
            v.lvm(pv.toArray(String[]::new));
            v.lvm("vgcreate", "-s", "1m", v.vg, v.loop);
        } catch (RuntimeException e) {
            v.close();
            throw e;
        }
        return v;
    }

    /** A loop device over a sparse file, with no PV on it yet, and the unique name its VG is to have. */
    static LoopVg bare(Path dir, long fileBytes) throws IOException {
        assumeLvm();
        detachLeaked();
        String vg = PREFIX + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
        Path file = dir.resolve(vg + ".img").toAbsolutePath();
        try (var ch = Files.newByteChannel(file, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.position(fileBytes - 1).write(java.nio.ByteBuffer.wrap(new byte[1]));
        }
        String loop = run("losetup", "-f", "--show", file.toString()).strip();
        return new LoopVg(file, loop, vg);
    }

    /** Runs {@code lvm <args[0]> --config <only this loop device> args[1..]}; fails on a non-zero exit. */
    String lvm(String... args) {
        List<String> cmd = new ArrayList<>(List.of("lvm", args[0], "--config", lvmConfig));
        cmd.addAll(Arrays.asList(args).subList(1, args.length));
        return run(cmd.toArray(String[]::new));
    }

    /** Names of every LV in the VG (as lvm lists them, not through the pool). */
    List<String> lvNames() {
        return lvm("lvs", "--noheadings", "-o", "lv_name", vg).lines().map(String::strip).filter(s -> !s.isEmpty())
                .sorted().toList();
    }

    /** {@code vgs -o <field>} of the VG as a number. */
    long vgNumber(String field) {
        return Long.parseLong(lvm("vgs", "--noheadings", "--units", "b", "--nosuffix", "-o", field, vg).strip());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (String[] step : List.of(new String[] {"vgremove", "-f", "-y", vg}, new String[] {"pvremove", "-y", loop})) {
            try {
                if (step[0].equals("vgremove") ? !lvm("vgs", "--noheadings", "-o", "vg_name").contains(vg)
                        : !lvm("pvs", "--noheadings", "-o", "pv_name").contains(loop)) {
                    continue; // never made, or removed by the test
                }
                lvm(step);
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        try {
            run("losetup", "-d", loop);
            Files.deleteIfExists(file);
        } catch (RuntimeException | IOException e) {
            failure = failure == null ? new IllegalStateException(e) : failure;
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Detaches loop devices a killed run left behind: backing file ours by name and deleted. Not a backing file that
     * is merely missing here: loop devices are the kernel's, and a run in another mount namespace (a container on the
     * same machine) has its files where this one cannot see them.
     */
    private static void detachLeaked() {
        for (String line : run("losetup", "-n", "-l", "-O", "NAME,BACK-FILE").lines().toList()) {
            String[] f = line.strip().split("\\s+", 2);
            if (f.length == 2 && f[1].contains("/" + PREFIX) && f[1].endsWith("(deleted)")) {
                run("losetup", "-d", f[0]);
            }
        }
    }

    static String run(String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("LVM_SUPPRESS_FD_WARNINGS", "1");
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8).lines().filter(l -> !l.contains("WARNING: Activation disabled"))
                    .reduce("", (a, b) -> a + b + "\n");
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean onPath(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/sbin", binary)) || Files.isExecutable(Path.of("/usr/sbin", binary));
    }
}
