package io.vmpool.hypervisor.libvirt.internal;

import io.vmpool.api.hypervisor.DomainSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.libvirt.LibvirtException;

/** The test driver hosts the tests run against, plus small helpers shared by the tests. */
final class TestHosts {

    static final String DEFAULT = "test:///default";
    static final String HOST1 = nodeFileUri("vmpool-host1.xml");
    static final String HOST2 = nodeFileUri("vmpool-host2.xml");
    static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private TestHosts() {
    }

    /** A hypervisor on {@code connection} that writes test domains. */
    static LibvirtHypervisor hypervisor(String uri, LibvirtConnection connection, Duration closeWait)
            throws LibvirtException {
        return new LibvirtHypervisor(uri, new GuardedConnection(uri, connection, closeWait),
                new DomainXml("test", "x86_64", ""));
    }

    static LibvirtHypervisor hypervisor(String uri) throws LibvirtException {
        return hypervisor(uri, new LibvirtConnection(uri), CLOSE_WAIT);
    }

    static Stream<String> all() {
        return Stream.of(DEFAULT, HOST1, HOST2);
    }

    /** test:///default is shared by every connection in the JVM: names must not collide across tests. */
    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static DomainSpec spec(String name) {
        return new DomainSpec(name, UUID.randomUUID(), 512, 2, List.of(), null, Map.of("owner", "tests"));
    }

    static void waitUntil(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.onSpinWait();
        }
    }

    private static String nodeFileUri(String file) {
        return "test://" + Path.of("src/main/resources-etc", file).toAbsolutePath().normalize();
    }
}
