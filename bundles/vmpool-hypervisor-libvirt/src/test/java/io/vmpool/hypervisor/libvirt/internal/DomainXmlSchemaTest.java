package io.vmpool.hypervisor.libvirt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vmpool.api.hypervisor.DiskSpec;
import io.vmpool.api.hypervisor.DomainSpec;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the XML against libvirt's own domain schema with {@code virt-xml-validate} (libvirt-clients,
 * which needs xmllint from libxml2-utils): what the test driver accepts, real QEMU must accept too.
 * Skipped where the tools are missing.
 */
class DomainXmlSchemaTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"kvm", "qemu", "test"})
    void matchesLibvirtsDomainSchema(String domainType) throws Exception {
        assumeTrue(onPath("virt-xml-validate") && onPath("xmllint"), "virt-xml-validate and xmllint are not installed");
        DomainSpec spec = new DomainSpec("a'b\"<c>&d", UUID.randomUUID(), 1024, 2,
                List.of(new DiskSpec("/var/lib/vmpool/a.img", DiskSpec.Kind.FILE, "vda"),
                        new DiskSpec("/dev/vg0/a-data", DiskSpec.Kind.BLOCK, "vdb")),
                "/var/log/vmpool/a.log", Map.of("owner", "alice", "note", "<&>"));
        Path file = dir.resolve(domainType + ".xml");
        Files.writeString(file, new DomainXml(domainType, "x86_64", "q35").toXml(spec));

        Process validate = new ProcessBuilder("virt-xml-validate", file.toString(), "domain")
                .redirectErrorStream(true).start();
        String output = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(validate.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(validate.exitValue()).as(output).isZero();
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String entry : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, command))) {
                return true;
            }
        }
        return false;
    }
}
