package io.vmpool.hypervisor.libvirt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.hypervisor.Hypervisor;
import io.vmpool.api.hypervisor.HypervisorException;
import io.vmpool.api.hypervisor.NodeInfo;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;

class LibvirtHypervisorProviderTest {

    private final LibvirtHypervisorProvider provider = new LibvirtHypervisorProvider(TestConfig.of(Map.of()));

    @Test
    void theShippedNodeFilesReportTheirMemoryAndCpus() {
        try (Hypervisor host1 = provider.connect(TestHosts.HOST1);
             Hypervisor host2 = provider.connect(TestHosts.HOST2)) {
            NodeInfo one = host1.nodeInfo();
            NodeInfo two = host2.nodeInfo();

            assertThat(one.memoryMiB()).isEqualTo(8 * 1024);
            assertThat(one.cpus()).isEqualTo(4);
            assertThat(two.memoryMiB()).isEqualTo(16 * 1024);
            assertThat(two.cpus()).isEqualTo(8);
            assertThat(one.hypervisorType()).isEqualTo("TEST");
            assertThat(one.model()).isEqualTo("x86_64");
            assertThat(one.hostname()).isNotBlank();
        }
    }

    @Test
    void theShippedNodeFilesDefineNoDomains() {
        try (Hypervisor host1 = provider.connect(TestHosts.HOST1);
             Hypervisor host2 = provider.connect(TestHosts.HOST2)) {
            assertThat(host1.domains()).isEmpty();
            assertThat(host2.domains()).isEmpty();
        }
    }

    @Test
    void theDefaultTestHostReportsLibvirtsBuiltInNode() {
        try (Hypervisor host = provider.connect(TestHosts.DEFAULT)) {
            NodeInfo node = host.nodeInfo();

            assertThat(node.cpus()).isEqualTo(16);
            assertThat(node.memoryMiB()).isEqualTo(3072);
            assertThat(node.hypervisorType()).isEqualTo("TEST");
            assertThat(host.uri()).isEqualTo(TestHosts.DEFAULT);
        }
    }

    /** What libvirt says depends on whether a libvirt daemon runs here; either way it names the URI. */
    @Test
    void aUriNothingServesFailsWithLibvirtsWordsAndTheUri() {
        String uri = "bogus:///nowhere";

        assertThatThrownBy(() -> provider.connect(uri))
                .isInstanceOfSatisfying(HypervisorException.class, e -> {
                    assertThat(e.backend()).isEqualTo("hypervisor " + uri);
                    assertThat(e.getMessage()).startsWith("connect to " + uri + ": ");
                    assertThat(e.getMessage().length()).isGreaterThan(("connect to " + uri + ": ").length() + 10);
                    assertThat(e.getCause()).isInstanceOf(org.libvirt.LibvirtException.class);
                });
    }

    @Test
    void aMissingNodeFileFailsWithLibvirtsWords() {
        String uri = "test:///no/such/vmpool-node.xml";

        assertThatThrownBy(() -> provider.connect(uri))
                .isInstanceOf(HypervisorException.class)
                .hasMessageStartingWith("connect to " + uri + ": ")
                .hasMessageContaining("failed to parse xml document '/no/such/vmpool-node.xml'");
    }

    @Test
    void anEmptyUriIsRefused() {
        assertThatThrownBy(() -> provider.connect(" "))
                .isInstanceOf(HypervisorException.class)
                .hasMessageContaining("URI is empty");
    }

    @Test
    void testHostsGetTestDomainsWhateverTheQemuDomainType() throws Exception {
        LibvirtHypervisorProvider qemu = new LibvirtHypervisorProvider(
                TestConfig.of(Map.of("qemuDomainType", "qemu", "arch", "aarch64", "machine", "virt")));
        String name = TestHosts.uniqueName("typed");
        // test:///default is one host for the whole process, so a second connection sees the domain
        Connect reader = new Connect(TestHosts.DEFAULT, false);
        try (Hypervisor host = qemu.connect(TestHosts.DEFAULT)) {
            host.define(TestHosts.spec(name));
            try {
                Xml xml = Xml.parse(reader.domainLookupByName(name).getXMLDesc(0));

                assertThat(xml.root().getAttribute("type")).isEqualTo("test");
                assertThat(xml.attr("/domain/os/type", "arch")).isEqualTo("aarch64");
                assertThat(xml.attr("/domain/os/type", "machine")).isEqualTo("virt");
            } finally {
                host.undefine(name);
            }
        } finally {
            reader.close();
        }
    }

    @Test
    void anUnknownQemuDomainTypeStopsTheComponentSayingWhereItIsSet() {
        assertThatThrownBy(() -> new LibvirtHypervisorProvider(TestConfig.of(Map.of("qemuDomainType", "xen"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("qemuDomainType 'xen'")
                .hasMessageContaining("etc/io.vmpool.hypervisor.libvirt.cfg");
    }

    @Test
    void aNegativeCloseWaitStopsTheComponent() {
        assertThatThrownBy(() -> new LibvirtHypervisorProvider(TestConfig.of(Map.of("closeWaitSeconds", -1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("closeWaitSeconds -1 is negative");
    }

    @Test
    void anEmptyArchStopsTheComponent() {
        assertThatThrownBy(() -> new LibvirtHypervisorProvider(TestConfig.of(Map.of("arch", " "))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("arch is empty");
    }
}
