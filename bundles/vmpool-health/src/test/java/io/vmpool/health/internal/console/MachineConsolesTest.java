package io.vmpool.health.internal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.NotFoundException;
import io.vmpool.health.internal.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineConsolesTest {

    @TempDir
    Path dir;

    private MachineConsoles consoles(Path logs) {
        return new MachineConsoles(TestConfig.of(MachineConsoleConfig.class, Map.of("directory", logs.toString())),
                dir.resolve("spool"));
    }

    @Test
    void everyMachinesSerialLogIsKeptAndItsTailShownAcrossARotation() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("qemu"));
        Path web1 = Files.writeString(logs.resolve("web1-serial.log"), "SeaBIOS (version 1.16.2)\nBooting from Hard Disk...\n");
        Files.writeString(logs.resolve("web1.log"), "qemu's own log, not a console\n");
        Files.writeString(logs.resolve("Not_A_Machine-serial.log"), "x\n");
        try (MachineConsoles c = consoles(logs)) {
            c.poll();
            assertThat(c.machines()).containsExactly("web1");
            assertThat(c.tail("web1", 5)).containsExactly("SeaBIOS (version 1.16.2)", "Booting from Hard Disk...");

            // virtlogd rotates: the old file is renamed, a new one started
            Files.writeString(web1, "[    0.000000] Linux version 6.1.0-57-amd64\n", StandardOpenOption.APPEND);
            c.poll();
            Files.move(web1, logs.resolve("web1-serial.log.0"));
            Files.writeString(web1, "web1 login:\n");
            c.poll();
            c.poll();
            assertThat(c.tail("web1", 2)).containsExactly("[    0.000000] Linux version 6.1.0-57-amd64", "web1 login:");
        }
    }

    @Test
    void aDeletedMachinesConsoleStaysReadableAfterARestart() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("qemu"));
        Path db1 = Files.writeString(logs.resolve("db1-serial.log"), "Kernel panic - not syncing: VFS: Unable to mount root fs\n");
        try (MachineConsoles c = consoles(logs)) {
            c.poll();
        }
        Files.delete(db1);
        try (MachineConsoles again = consoles(logs)) {
            again.poll();
            assertThat(again.machines()).containsExactly("db1");
            assertThat(again.tail("db1", 1)).containsExactly("Kernel panic - not syncing: VFS: Unable to mount root fs");
        }
    }

    @Test
    void aMissingDirectoryIsWaitedForAndAnUnknownMachineIsNamedInTheError() throws Exception {
        Path logs = dir.resolve("not-yet");
        try (MachineConsoles c = consoles(logs)) {
            c.poll(); // logged, not thrown
            assertThatThrownBy(() -> c.tail("web9", 5)).isInstanceOf(NotFoundException.class)
                    .hasMessage("no serial console is captured for machine web9 (from " + logs + "/web9-serial.log)");
            Files.createDirectories(logs);
            Files.writeString(logs.resolve("web9-serial.log"), "hello\n");
            c.poll();
            assertThat(c.tail("web9", 5)).containsExactly("hello");
        }
    }
}
