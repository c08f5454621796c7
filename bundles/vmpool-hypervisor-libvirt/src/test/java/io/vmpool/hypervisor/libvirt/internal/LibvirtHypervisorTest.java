package io.vmpool.hypervisor.libvirt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmpool.api.hypervisor.DiskSpec;
import io.vmpool.api.hypervisor.DomainInfo;
import io.vmpool.api.hypervisor.DomainSpec;
import io.vmpool.api.hypervisor.DomainState;
import io.vmpool.api.hypervisor.HypervisorException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.libvirt.LibvirtException;

/** A {@link LibvirtHypervisor} against libvirt's test driver: test:///default and the shipped node files. */
class LibvirtHypervisorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private LibvirtConnection connect;
    private LibvirtHypervisor hypervisor;

    /** Opens the hypervisor on a connection the test keeps, to read back what libvirt stored. */
    private LibvirtHypervisor open(String uri) throws LibvirtException {
        connect = new LibvirtConnection(uri);
        hypervisor = TestHosts.hypervisor(uri, connect, TestHosts.CLOSE_WAIT);
        return hypervisor;
    }

    @AfterEach
    void close() {
        if (hypervisor != null) {
            hypervisor.close();
        }
    }

    static List<String> hosts() {
        return TestHosts.all().toList();
    }

    @ParameterizedTest
    @MethodSource("hosts")
    void runsADomainThroughItsLife(String uri) throws Exception {
        LibvirtHypervisor host = open(uri);
        String name = TestHosts.uniqueName("life");
        DomainSpec spec = new DomainSpec(name, UUID.randomUUID(), 768, 3,
                List.of(new DiskSpec("/var/lib/vmpool/" + name + ".img", DiskSpec.Kind.FILE, "vda")),
                "/var/log/vmpool/" + name + ".log", Map.of("owner", "alice"));

        host.define(spec);
        assertThat(host.state(name)).contains(DomainState.SHUTOFF);
        assertThat(host.domains()).contains(new DomainInfo(name, spec.uuid(), DomainState.SHUTOFF, 768, 3));

        host.start(name);
        assertThat(host.state(name)).contains(DomainState.RUNNING);
        assertThat(host.domains()).contains(new DomainInfo(name, spec.uuid(), DomainState.RUNNING, 768, 3));

        host.shutdown(name);
        TestHosts.waitUntil(name + " shut off", TIMEOUT,
                () -> host.state(name).equals(Optional.of(DomainState.SHUTOFF)));

        host.start(name);
        host.destroy(name);
        assertThat(host.state(name)).contains(DomainState.SHUTOFF);

        host.undefine(name);
        assertThat(host.state(name)).isEmpty();
        assertThat(host.domains()).extracting(DomainInfo::name).doesNotContain(name);
    }

    @ParameterizedTest
    @MethodSource("hosts")
    void aMissingDomainHasNoState(String uri) throws Exception {
        assertThat(open(uri).state("no-such-domain")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("hosts")
    void actingOnAMissingDomainSaysWhatAndLibvirtsWords(String uri) throws Exception {
        LibvirtHypervisor host = open(uri);

        assertThatThrownBy(() -> host.start("no-such-domain"))
                .isInstanceOfSatisfying(HypervisorException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("start domain 'no-such-domain': Domain not found");
                    assertThat(e.backend()).isEqualTo("hypervisor " + uri);
                    assertThat(e.getCause()).isInstanceOf(LibvirtException.class);
                });
    }

    @ParameterizedTest
    @MethodSource("hosts")
    void aDuplicateNameIsRefusedInLibvirtsWords(String uri) throws Exception {
        LibvirtHypervisor host = open(uri);
        String name = TestHosts.uniqueName("dup");
        DomainSpec first = TestHosts.spec(name);
        host.define(first);

        assertThatThrownBy(() -> host.define(TestHosts.spec(name)))
                .isInstanceOf(HypervisorException.class)
                .hasMessage("define domain '" + name + "': operation failed: domain '" + name
                        + "' already exists with uuid " + first.uuid());
        host.undefine(name);
    }

    /** libvirt would take the second define as an update of the first. */
    @ParameterizedTest
    @MethodSource("hosts")
    void theSameSpecTwiceIsRefusedNotRedefined(String uri) throws Exception {
        LibvirtHypervisor host = open(uri);
        DomainSpec spec = TestHosts.spec(TestHosts.uniqueName("again"));
        host.define(spec);

        assertThatThrownBy(() -> host.define(spec))
                .isInstanceOf(HypervisorException.class)
                .hasMessageContaining("is already defined with uuid " + spec.uuid());
        host.undefine(spec.name());
    }

    @ParameterizedTest
    @MethodSource("hosts")
    void aRunningDomainIsNotUndefined(String uri) throws Exception {
        LibvirtHypervisor host = open(uri);
        String name = TestHosts.uniqueName("busy");
        host.define(TestHosts.spec(name));
        host.start(name);

        assertThatThrownBy(() -> host.undefine(name))
                .isInstanceOf(HypervisorException.class)
                .hasMessage("undefine domain '" + name + "': the domain is RUNNING; destroy it or shut it down first");
        assertThat(host.state(name)).contains(DomainState.RUNNING);
        host.destroy(name);
        host.undefine(name);
    }

    @ParameterizedTest
    @MethodSource("hosts")
    void aHostileNameIsEscapedAndReadsBack(String uri) throws Exception {
        LibvirtHypervisor host = open(uri);
        String name = "a'b\"<c>&d" + TestHosts.uniqueName("");
        DomainSpec spec = new DomainSpec(name, UUID.randomUUID(), 512, 1,
                List.of(new DiskSpec("/images/" + name, DiskSpec.Kind.BLOCK, "vda")),
                "/logs/" + name + ".log", Map.of("note", "<b>&\"'</b>"));

        host.define(spec);
        Xml xml = Xml.parse(connect.domainLookupByName(name).getXMLDesc(0));

        assertThat(xml.text("/domain/name")).isEqualTo(name);
        assertThat(xml.text("/domain/uuid")).isEqualTo(spec.uuid().toString());
        assertThat(xml.attr("/domain/devices/disk/source", "dev")).isEqualTo("/images/" + name);
        assertThat(xml.attr("/domain/devices/serial/log", "file")).isEqualTo("/logs/" + name + ".log");
        assertThat(xml.element("//*[local-name()='label']").getAttribute("name")).isEqualTo("note");
        assertThat(xml.text("//*[local-name()='label']")).isEqualTo("<b>&\"'</b>");
        assertThat(host.state(name)).contains(DomainState.SHUTOFF);
        assertThat(host.domains()).extracting(DomainInfo::name).contains(name);
        host.undefine(name);
    }

    @ParameterizedTest
    @MethodSource("hosts")
    void answersUntilClosedAndRefusesCallsAfter(String uri) throws Exception {
        LibvirtHypervisor host = open(uri);
        assertThat(host.isAlive()).isTrue();

        host.close();
        host.close();

        assertThat(host.isAlive()).isFalse();
        assertThatThrownBy(host::nodeInfo)
                .isInstanceOf(HypervisorException.class)
                .hasMessage("read the node's info: the connection is closed");
    }

    @Test
    void withoutACloseWaitTheConnectionClosesInTheBackground() throws Exception {
        LibvirtConnection connection = new LibvirtConnection(TestHosts.HOST1);
        LibvirtHypervisor host = TestHosts.hypervisor(TestHosts.HOST1, connection, Duration.ZERO);

        host.close();

        assertThatThrownBy(() -> host.state("x")).hasMessageEndingWith("the connection is closed");
        TestHosts.waitUntil("the native connection closed", TIMEOUT, () -> !isConnected(connection));
    }

    private static boolean isConnected(LibvirtConnection connection) {
        try {
            return connection.isConnected();
        } catch (LibvirtException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aNodeFileHostKeepsItsDomainsPerConnection() throws Exception {
        LibvirtHypervisor first = open(TestHosts.HOST1);
        String name = TestHosts.uniqueName("mine");
        first.define(TestHosts.spec(name));

        try (LibvirtHypervisor second = TestHosts.hypervisor(TestHosts.HOST1)) {
            assertThat(second.state(name)).isEmpty();
        }
        assertThat(first.state(name)).contains(DomainState.SHUTOFF);
    }

    @Test
    void theDefaultHostIsSharedByEveryConnectionInTheProcess() throws Exception {
        LibvirtHypervisor first = open(TestHosts.DEFAULT);
        String name = TestHosts.uniqueName("shared");
        first.define(TestHosts.spec(name));

        try (LibvirtHypervisor second = TestHosts.hypervisor(TestHosts.DEFAULT)) {
            assertThat(second.state(name)).contains(DomainState.SHUTOFF);
            second.undefine(name);
        }
        assertThat(first.state(name)).isEmpty();
    }

    @Test
    void factsComeFromTheRealDriver() throws Exception {
        LibvirtHypervisor host = open(TestHosts.HOST1);

        java.util.Map<String, String> facts = host.facts();

        assertThat(facts.get("libvirt.version")).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(facts).containsEntry("hypervisor.type", "TEST")
                .containsEntry("node.cpus", Integer.toString(host.nodeInfo().cpus()))
                .containsEntry("node.memoryMiB", Long.toString(host.nodeInfo().memoryMiB()))
                .containsKey("cpu.arch");
    }
}
