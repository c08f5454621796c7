package io.vmpool.benchmarks;

import java.io.File;
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
import java.util.stream.Stream;

/**
 * A volume group of the benchmark's own on a loop device: a sparse file {@code /tmp/vmpoolbench_<random>.img},
 * {@code losetup -f --show}, {@code pvcreate --metadatasize 2m}, {@code vgcreate -s 4m vmpoolbench_<random>}.
 * {@link #close} (also run by a shutdown hook if the fork ends early) removes exactly that VG, PV, loop device
 * and file, and lvm's archive and backup files of that VG. Every lvm command sees only this loop device
 * ({@link #lvmConfig}, the same form the storage-lvm tests use) and never touches device-mapper.
 *
 * <p>{@link #bare} runs one lvm command the way {@code LvmRunner} does: a process from ProcessBuilder, stdin
 * {@code /dev/null}, {@code LC_ALL=C}, {@code LVM_SUPPRESS_FD_WARNINGS=1}, stdout and stderr read to the end.
 */
final class LvmLoopVg implements AutoCloseable {
    static final String PREFIX = "vmpoolbench_";
    /** Sparse; 3071 extents of 4 MiB, room for 1,500 small LVs and the measured ones. */
    static final long FILE_BYTES = 12L << 30;
    static final long EXTENT_BYTES = 4L << 20;

    final String vg;
    final Path file;
    final String loop;
    final String lvmConfig;
    private final Thread hook = new Thread(this::closeQuietly, "vmpoolbench-cleanup");
    private boolean closed;

    private LvmLoopVg(String vg, Path file, String loop) {
        this.vg = vg;
        this.file = file;
        this.loop = loop;
        String only = "[\"a|^" + loop + "$|\",\"r|.*|\"]";
        this.lvmConfig = "global{activation=0} devices{filter=" + only + " global_filter=" + only
                + " use_devicesfile=0}";
    }

    /** Makes the file, loop device, PV and VG; on any failure removes what was made and throws. */
    static LvmLoopVg create() throws IOException {
        requireRoot();
        detachLeaked();
        String vg = PREFIX + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
        Path file = Path.of("/tmp", vg + ".img");
        try (var ch = Files.newByteChannel(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.position(FILE_BYTES - 1).write(ByteBuffer.wrap(new byte[1]));
        }
        String loop;
        try {
            loop = run(List.of("losetup", "-f", "--show", file.toString())).strip();
        } catch (RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        LvmLoopVg v = new LvmLoopVg(vg, file, loop);
        Runtime.getRuntime().addShutdownHook(v.hook);
        try {
            v.lvm("pvcreate", "--metadatasize", "2m", loop);
            v.lvm("vgcreate", "-s", "4m", vg, loop);
        } catch (RuntimeException e) {
            v.close();
            throw e;
        }
        return v;
    }

    /**
     * Adds {@code count} LVs like vmpool's ({@code vmpool_fill<i>_disk0}, tags {@code vmpool} and
     * {@code vmpool_machine_fill<i>}, one extent each) in one metadata write: {@code vgcfgbackup} of the VG,
     * the LVs appended to its text, {@code vgcfgrestore}. Returns the milliseconds it took.
     */
    long fill(int count) throws IOException {
        long start = System.nanoTime();
        if (count > 0) {
            Path text = Path.of("/tmp", vg + ".vg");
            try {
                lvm("vgcfgbackup", "-f", text.toString(), vg);
                String backup = Files.readString(text);
                int vgEnd = backup.lastIndexOf('}'); // closes the VG section
                StringBuilder lvs = new StringBuilder("\n\tlogical_volumes {\n");
                for (int i = 0; i < count; i++) {
                    lvs.append("\n\t\tvmpool_fill").append(i).append("_disk0 {\n")
                            .append("\t\t\tid = \"").append(lvmId()).append("\"\n")
                            .append("\t\t\tstatus = [\"READ\", \"WRITE\", \"VISIBLE\"]\n")
                            .append("\t\t\tflags = []\n")
                            .append("\t\t\ttags = [\"vmpool\", \"vmpool_machine_fill").append(i).append("\"]\n")
                            .append("\t\t\tcreation_time = ").append(System.currentTimeMillis() / 1000).append('\n')
                            .append("\t\t\tcreation_host = \"vmpoolbench\"\n")
                            .append("\t\t\tsegment_count = 1\n\n")
                            .append("\t\t\tsegment1 {\n\t\t\t\tstart_extent = 0\n\t\t\t\textent_count = 1\n\n")
                            .append("\t\t\t\ttype = \"striped\"\n\t\t\t\tstripe_count = 1\n\n")
                            .append("\t\t\t\tstripes = [\n\t\t\t\t\t\"pv0\", ").append(i).append("\n\t\t\t\t]\n")
                            .append("\t\t\t}\n\t\t}\n");
                }
                lvs.append("\t}\n");
                Files.writeString(text, backup.substring(0, vgEnd) + lvs + backup.substring(vgEnd));
                lvm("vgcfgrestore", "-f", text.toString(), vg);
            } finally {
                Files.deleteIfExists(text);
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long lvCount = vgNumber("lv_count");
        if (lvCount != count) {
            throw new IllegalStateException("VG " + vg + " has " + lvCount + " LVs after the fill, expected " + count);
        }
        return millis;
    }

    /** {@code vgs -o <field>} of the VG as a number. */
    long vgNumber(String field) {
        return Long.parseLong(lvm("vgs", "--noheadings", "--units", "b", "--nosuffix", "-o", field, vg).strip());
    }

    /** {@code lvm <args[0]> --config <only this loop device> args[1..]} as the measured calls run; fails on non-zero exit. */
    String lvm(String... args) {
        return bare(args);
    }

    /** One lvm process as LvmRunner starts it; throws with lvm's stderr on a non-zero exit. */
    String bare(String... args) {
        List<String> cmd = new ArrayList<>(List.of("lvm", args[0], "--config", lvmConfig));
        cmd.addAll(Arrays.asList(args).subList(1, args.length));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("LVM_SUPPRESS_FD_WARNINGS", "1");
        pb.environment().put("LC_ALL", "C");
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            if (code != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + code + "): " + err);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        try {
            if (lvm("vgs", "--noheadings", "-o", "vg_name").contains(vg)) {
                lvm("vgremove", "-f", "-y", vg);
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            if (lvm("pvs", "--noheadings", "-o", "pv_name").contains(loop)) {
                lvm("pvremove", "-y", loop);
            }
        } catch (RuntimeException e) {
            failure = failure == null ? e : failure;
        }
        try {
            run(List.of("losetup", "-d", loop));
        } catch (RuntimeException e) {
            failure = failure == null ? e : failure;
        }
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of("/etc/lvm/backup", vg));
            try (Stream<Path> archives = Files.list(Path.of("/etc/lvm/archive"))) {
                for (Path a : archives.filter(p -> p.getFileName().toString().startsWith(vg + "_")).toList()) {
                    Files.deleteIfExists(a);
                }
            }
        } catch (IOException e) {
            failure = failure == null ? new IllegalStateException(e) : failure;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: this is the hook
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("vmpoolbench cleanup of " + vg + " on " + loop + " failed: " + e.getMessage());
        }
    }

    /** An lvm uuid: 32 of [A-Za-z0-9] in groups 6-4-4-4-4-4-6. */
    private static String lvmId() {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int group : new int[] {6, 4, 4, 4, 4, 4, 6}) {
            if (b.length() > 0) {
                b.append('-');
            }
            for (int i = 0; i < group; i++) {
                b.append(chars.charAt(r.nextInt(chars.length())));
            }
        }
        return b.toString();
    }

    private static void requireRoot() {
        if (!"root".equals(System.getProperty("user.name")) || !Files.exists(Path.of("/dev/loop-control"))) {
            throw new IllegalStateException("the LVM benchmarks need root and /dev/loop-control (losetup, pvcreate)");
        }
    }

    /** Detaches loop devices a killed run left: backing file one of ours by name and already deleted or gone. */
    private static void detachLeaked() {
        for (String line : run(List.of("losetup", "-n", "-l", "-O", "NAME,BACK-FILE")).lines().toList()) {
            String[] f = line.strip().split("\\s+", 2);
            if (f.length == 2 && f[1].startsWith("/tmp/" + PREFIX)
                    && (f[1].endsWith("(deleted)") || !Files.exists(Path.of(f[1].strip())))) {
                run(List.of("losetup", "-d", f[0]));
            }
        }
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
