package io.vmpool.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmpool.api.inventory.MachineRecord;
import io.vmpool.api.machine.MachineState;
import io.vmpool.api.storage.Volume;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DomainsTest {

    @Test
    void everyMachineGetsItsSerialLogInTheConfiguredDirectoryOrNoneWhenItIsEmpty() {
        MachineRecord m = new MachineRecord("web1", "alice", MachineState.PROVISIONING, "host1", 512, 1, 1, "file:web1",
                UUID.randomUUID(), Instant.EPOCH, Instant.EPOCH, null);
        Volume disk = new Volume("file:web1-disk0", "file", "web1-disk0", "/var/lib/vmpool/disks/web1-disk0.img",
                Volume.Kind.FILE, 1L << 30, "web1");

        assertThat(Domains.spec(m, disk, "/var/log/libvirt/qemu").consoleLogPath())
                .isEqualTo("/var/log/libvirt/qemu/web1-serial.log");
        assertThat(Domains.spec(m, disk, "/srv/consoles/").consoleLogPath()).isEqualTo("/srv/consoles/web1-serial.log");
        assertThat(Domains.spec(m, disk, "").consoleLogPath()).isNull();
    }
}
