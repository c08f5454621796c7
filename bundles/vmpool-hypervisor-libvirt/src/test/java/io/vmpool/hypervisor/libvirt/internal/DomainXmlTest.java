package io.vmpool.hypervisor.libvirt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.hypervisor.DiskSpec;
import io.vmpool.api.hypervisor.DomainSpec;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class DomainXmlTest {

    private static final UUID UUID_1 = UUID.fromString("6f1c2a9e-3b7d-4e58-9a41-0c2d5e7f8a90");
    private static final String HOSTILE = "a'b\"<c>&d";

    private final DomainXml kvm = new DomainXml("kvm", "x86_64", "");

    @Test
    void writesEveryPartOfTheSpec() {
        DomainSpec spec = new DomainSpec("web1", UUID_1, 2048, 2,
                List.of(new DiskSpec("/var/lib/vmpool/web1.img", DiskSpec.Kind.FILE, "vda"),
                        new DiskSpec("/dev/vg0/web1-data", DiskSpec.Kind.BLOCK, "vdb")),
                "/var/log/vmpool/web1.log",
                Map.of("owner", "alice", "vmpool.version", "0.1.0"));

        Xml xml = Xml.parse(kvm.toXml(spec));

        assertThat(xml.root().getTagName()).isEqualTo("domain");
        assertThat(xml.root().getAttribute("type")).isEqualTo("kvm");
        assertThat(xml.text("/domain/name")).isEqualTo("web1");
        assertThat(xml.text("/domain/uuid")).isEqualTo(UUID_1.toString());
        assertThat(xml.attr("/domain/memory", "unit")).isEqualTo("KiB");
        assertThat(xml.text("/domain/memory")).isEqualTo("2097152");
        assertThat(xml.text("/domain/vcpu")).isEqualTo("2");
        assertThat(xml.text("/domain/os/type")).isEqualTo("hvm");
        assertThat(xml.attr("/domain/os/type", "arch")).isEqualTo("x86_64");
        assertThat(xml.element("/domain/os/type").hasAttribute("machine")).isFalse();
        assertThat(xml.elements("/domain/features/acpi")).hasSize(1);
        assertThat(xml.elements("/domain/features/apic")).hasSize(1);

        List<Element> disks = xml.elements("/domain/devices/disk");
        assertThat(disks).hasSize(2);
        assertThat(xml.attr("/domain/devices/disk[1]", "type")).isEqualTo("file");
        assertThat(xml.attr("/domain/devices/disk[1]", "device")).isEqualTo("disk");
        assertThat(xml.attr("/domain/devices/disk[1]/driver", "name")).isEqualTo("qemu");
        assertThat(xml.attr("/domain/devices/disk[1]/driver", "type")).isEqualTo("raw");
        assertThat(xml.attr("/domain/devices/disk[1]/source", "file")).isEqualTo("/var/lib/vmpool/web1.img");
        assertThat(xml.attr("/domain/devices/disk[1]/target", "dev")).isEqualTo("vda");
        assertThat(xml.attr("/domain/devices/disk[1]/target", "bus")).isEqualTo("virtio");
        assertThat(xml.attr("/domain/devices/disk[2]", "type")).isEqualTo("block");
        assertThat(xml.attr("/domain/devices/disk[2]/source", "dev")).isEqualTo("/dev/vg0/web1-data");
        assertThat(xml.element("/domain/devices/disk[2]/source").hasAttribute("file")).isFalse();
        assertThat(xml.attr("/domain/devices/disk[2]/target", "dev")).isEqualTo("vdb");

        assertThat(xml.attr("/domain/devices/serial", "type")).isEqualTo("pty");
        assertThat(xml.attr("/domain/devices/serial/log", "file")).isEqualTo("/var/log/vmpool/web1.log");
        assertThat(xml.attr("/domain/devices/serial/log", "append")).isEqualTo("on");
        assertThat(xml.attr("/domain/devices/console", "type")).isEqualTo("pty");

        Element machine = xml.element("/domain/metadata/*[local-name()='machine']");
        assertThat(machine.getNamespaceURI()).isEqualTo("https://vmpool.io/xmlns/machine/1.0");
        assertThat(machine.getPrefix()).isEqualTo("vmpool");
        List<Element> labels = xml.elements("/domain/metadata/*/*[local-name()='label']");
        assertThat(labels).extracting(Element::getNamespaceURI).containsOnly("https://vmpool.io/xmlns/machine/1.0");
        assertThat(labels).extracting(l -> l.getAttribute("name")).containsExactly("owner", "vmpool.version");
        assertThat(labels).extracting(Element::getTextContent).containsExactly("alice", "0.1.0");
    }

    @Test
    void leavesOutTheConsoleWithoutALogPath() {
        Xml xml = Xml.parse(kvm.toXml(new DomainSpec("quiet", UUID_1, 512, 1, List.of(), null, Map.of())));

        assertThat(xml.elements("/domain/devices/serial")).isEmpty();
        assertThat(xml.elements("/domain/devices/console")).isEmpty();
        assertThat(xml.elements("/domain/devices/disk")).isEmpty();
        assertThat(xml.elements("/domain/metadata/*[local-name()='machine']/*")).isEmpty();
    }

    @Test
    void writesTheDomainTypeAndMachineItWasGiven() {
        Xml xml = Xml.parse(new DomainXml("test", "aarch64", "virt")
                .toXml(new DomainSpec("t", UUID_1, 512, 1, List.of(), null, Map.of())));

        assertThat(xml.root().getAttribute("type")).isEqualTo("test");
        assertThat(xml.attr("/domain/os/type", "arch")).isEqualTo("aarch64");
        assertThat(xml.attr("/domain/os/type", "machine")).isEqualTo("virt");
        assertThat(xml.elements("/domain/features")).as("ACPI on aarch64 needs UEFI").isEmpty();
    }

    @Test
    void escapesHostileTextSoItRoundTrips() {
        String path = "/var/lib/vmpool/" + HOSTILE + ".img";
        DomainSpec spec = new DomainSpec(HOSTILE, UUID_1, 512, 1,
                List.of(new DiskSpec(path, DiskSpec.Kind.FILE, "vda")),
                "/var/log/" + HOSTILE + ".log",
                Map.of(HOSTILE, "</vmpool:label><evil/>&amp;", "owner", "]]>"));

        String raw = kvm.toXml(spec);
        Xml xml = Xml.parse(raw);

        assertThat(raw).doesNotContain("<c>").doesNotContain("<evil/>");
        assertThat(xml.text("/domain/name")).isEqualTo(HOSTILE);
        assertThat(xml.attr("/domain/devices/disk/source", "file")).isEqualTo(path);
        assertThat(xml.attr("/domain/devices/serial/log", "file")).isEqualTo("/var/log/" + HOSTILE + ".log");
        assertThat(xml.elements("//evil")).isEmpty();
        List<Element> labels = xml.elements("//*[local-name()='label']");
        assertThat(labels).extracting(l -> l.getAttribute("name")).containsExactlyInAnyOrder(HOSTILE, "owner");
        assertThat(labels).extracting(Element::getTextContent)
                .containsExactlyInAnyOrder("</vmpool:label><evil/>&amp;", "]]>");
    }

    @Test
    void refusesCharactersXmlCannotCarry() {
        DomainSpec spec = new DomainSpec("bad\u0001name", UUID_1, 512, 1, List.of(), null, Map.of());

        assertThatThrownBy(() -> kvm.toXml(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("domain name contains U+0001 at index 3, which XML cannot carry");
    }

    @Test
    void refusesALoneSurrogateButKeepsAPair() {
        DomainSpec lone = new DomainSpec("x\uD800", UUID_1, 512, 1, List.of(), null, Map.of());
        DomainSpec pair = new DomainSpec("x\uD83D\uDE00", UUID_1, 512, 1, List.of(), null, Map.of());

        assertThatThrownBy(() -> kvm.toXml(lone)).hasMessageContaining("U+D800");
        assertThat(Xml.parse(kvm.toXml(pair)).text("/domain/name")).isEqualTo("x\uD83D\uDE00");
    }
}
