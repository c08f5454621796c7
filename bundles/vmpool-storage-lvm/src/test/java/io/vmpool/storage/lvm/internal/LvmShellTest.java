package io.vmpool.storage.lvm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.storage.StorageException;
import io.vmpool.api.storage.Volume;
import io.vmpool.api.storage.VolumeRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool's long-running lvm shell ({@link LvmShell}): line encoding, and against real lvm2 on a loop device. */
class LvmShellTest {
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;
    private LoopVg loop;
    private final TestLocks locks = new TestLocks();
    private final List<LvmStoragePool> pools = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        pools.forEach(LvmStoragePool::deactivate);
        if (loop != null) {
            loop.close();
        }
    }

    private LvmStoragePool pool(Map<String, Object> overrides) throws IOException {
        if (loop == null) {
            loop = LoopVg.create(dir, 256 * MIB, "1m", null);
        }
        Map<String, Object> c = new HashMap<>(Map.of("volumeGroup", loop.vg, "lvmConfig", loop.lvmConfig,
                "metadataFloorVolumes", 2, "maxVolumeGiB", 1L));
        c.putAll(overrides);
        LvmStoragePool p = new LvmStoragePool(locks, TestConfig.of(LvmStorageConfig.class, c));
        pools.add(p);
        return p;
    }

    private Path script(String name, String body) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
        return f;
    }

    @Test
    void wordsBecomeOneLineLvmSplitsBackIntoThem() {
        assertThat(LvmShell.line(List.of("lvs", "--select", "vg_name='a+b.c'", "vg0"))).contains(
                "lvs --select vg_name='a+b.c' vg0"); // a quote inside a word is kept as it is
        assertThat(LvmShell.line(List.of("pvs", "--config", "devices{filter=[\"a|^/dev/x$|\",\"r|.*|\"]} global{a=1}")))
                .contains("pvs --config 'devices{filter=[\"a|^/dev/x$|\",\"r|.*|\"]} global{a=1}'");
        assertThat(LvmShell.line(List.of("lvs", "it's here", "#x", "'q", ""))).contains("lvs \"it's here\" '#x' \"'q\" ''");
        assertThat(LvmShell.line(List.of("lvs", "a'b \"c\""))).isEmpty(); // both quotes and a space: not writable
        assertThat(LvmShell.line(List.of("lvs", "a\nb"))).isEmpty();
        assertThat(LvmShell.line(List.of("lvs", "tab\there"))).contains("lvs 'tab\there'");
        List<String> many = new ArrayList<>(List.of("lvs"));
        for (int i = 0; i < LvmShell.MAX_WORDS; i++) {
            many.add("x");
        }
        assertThat(LvmShell.line(many)).isEmpty();
    }

    @Test
    void onePoolRunsItsReadsInOneShellAndItsChangesInAnotherAndSeesChangesMadeByOthers() throws IOException {
        LvmStoragePool pool = pool(Map.of());
        LvmShell shell = pool.runner().shell();
        LvmShell reads = pool.runner().readShell();
        Volume v = pool.create(new VolumeRequest("web1", "disk0", MIB));
        assertThat(pool.find(v.id())).contains(v);
        // another lvm (an admin) changes the VG between two commands of the shell: the shell reads it afresh
        loop.lvm("lvcreate", "-an", "-L", "1m", "-n", "vmpool_admin_disk0", "--addtag", "vmpool", loop.vg);
        assertThat(pool.volumes()).extracting(Volume::name).containsExactlyInAnyOrder("vmpool_web1_disk0",
                "vmpool_admin_disk0");
        assertThat(pool.metadataHealth().volumeCount()).isEqualTo(2);
        assertThatThrownBy(() -> pool.create(new VolumeRequest("web1", "disk0", MIB)))
                .isInstanceOf(StorageException.class).hasMessageContaining("lvcreate --config")
                .hasMessageContaining("failed (exit 5)").hasMessageContaining("already exists")
                .hasMessageNotContaining("Activation disabled");
        pool.delete(v.id());
        loop.lvm("lvremove", "-y", loop.vg + "/vmpool_admin_disk0");
        assertThat(pool.volumes()).isEmpty();
        assertThat(loop.lvNames()).isEmpty();
        assertThat(shell.starts()).isEqualTo(1);
        assertThat(reads.starts()).isEqualTo(1);
        assertThat(shell.pid()).isPresent();
        assertThat(reads.pid()).isPresent().isNotEqualTo(shell.pid());
    }

    @Test
    void aShellIsReplacedAfterTheConfiguredNumberOfCommands() throws IOException {
        LvmStoragePool pool = pool(Map.of("lvmShellMaxCommands", 3));
        LvmShell shell = pool.runner().readShell();
        for (int i = 0; i < 7; i++) {
            assertThat(pool.volumes()).isEmpty();
        }
        // the shell ran its commands in threes (activation may add reads of its own: at least 3 shells)
        assertThat(shell.starts()).isGreaterThanOrEqualTo(3);
        assertThatThrownBy(() -> pool(Map.of("lvmShellMaxCommands", 0))).hasMessageContaining(
                "lvmShellMaxCommands must be at least 1, is 0 (fix it in io.vmpool.storage.lvm)");
    }

    @Test
    void aShellThatDiedWhileIdleIsReplacedWithoutFailingACommand() throws Exception {
        LvmStoragePool pool = pool(Map.of());
        LvmShell shell = pool.runner().readShell();
        pool.volumes();
        long pid = shell.pid().orElseThrow();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
        assertThat(pool.create(new VolumeRequest("web", "disk0", MIB)).sizeBytes()).isEqualTo(MIB);
        assertThat(shell.starts()).isEqualTo(2);
        assertThat(shell.pid()).isPresent().isNotEqualTo(Optional.of(pid));
    }

    @Test
    void aCommandThatHangsInTheShellKillsTheShellAfterTheTimeoutAndTheNextCommandGetsANewOne() throws Exception {
        // a shell that passes lines on to a real lvm shell, except that it hangs on the first lvcreate
        Path slow = script("slow-lvm-shell", "[ $# -gt 0 ] && exec lvm \"$@\"\n"
                + "exec 3> >(exec lvm)\n"
                + "while IFS= read -r l; do case \"$l\" in lvcreate*) exec sleep 30;; esac; printf '%s\\n' \"$l\" >&3; done\n");
        LvmStoragePool pool = pool(Map.of("lvmCommand", slow.toString(), "commandTimeoutSeconds", 1L,
                "lockTtlSeconds", 10L));
        LvmShell shell = pool.runner().shell();
        LvmShell reads = pool.runner().readShell();
        assertThat(pool.volumes()).isEmpty(); // reads went through the fake shell (the read shell)
        assertThat(reads.pid()).isPresent();
        long start = System.nanoTime();
        assertThatThrownBy(() -> pool.create(new VolumeRequest("web", "disk0", MIB)))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("lvcreate")
                .hasMessageContaining("did not finish within 1 s")
                .hasMessageContaining("commandTimeoutSeconds=1, change it in io.vmpool.storage.lvm");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
        assertThat(shell.pid()).as("the hanging shell was killed").isEmpty();
        ProcessHandle.current().descendants().filter(h -> h.info().commandLine().orElse("").contains("sleep 30"))
                .forEach(h -> h.onExit().join()); // the fake's hanging child is gone too (killed with the shell)
        assertThat(loop.lvNames()).isEmpty();
        assertThat(locks.manager.held()).isEmpty(); // the lease was released
        assertThat(pool.volumes()).isEmpty(); // the read shell still answers
        assertThat(shell.starts()).isEqualTo(1);
        assertThatThrownBy(() -> pool.create(new VolumeRequest("web", "disk0", MIB))) // a new shell, hanging again
                .hasMessageContaining("did not finish within 1 s");
        assertThat(shell.starts()).isEqualTo(2);
    }

    @Test
    void aShellThatCannotStartMeansOneProcessPerCommand() throws IOException {
        // lvm refuses to start its shell with a profile that does not exist ("Failed to apply command profile")
        Path noProfile = script("lvm-without-profile", "[ $# -gt 0 ] && exec lvm \"$@\"\n"
                + "LVM_COMMAND_PROFILE=vmpool_no_such_profile exec lvm\n");
        LvmStoragePool pool = pool(Map.of("lvmCommand", noProfile.toString()));
        Volume v = pool.create(new VolumeRequest("web", "disk0", MIB));
        assertThat(pool.volumes()).containsExactly(v);
        pool.delete(v.id());
        assertThat(loop.lvNames()).isEmpty();
        assertThat(pool.runner().shell().starts()).isEqualTo(1); // tried once, then processes
        assertThat(pool.runner().shell().pid()).isEmpty();
        assertThat(pool.runner().readShell().starts()).isEqualTo(1);
        assertThat(pool.runner().readShell().pid()).isEmpty();
    }
}
