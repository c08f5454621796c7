package io.vmpool.core.internal;

import io.vmpool.api.hypervisor.HypervisorProvider;
import io.vmpool.api.inventory.InventoryStore;
import io.vmpool.hypervisor.libvirt.internal.LibvirtConfig;
import io.vmpool.hypervisor.libvirt.internal.LibvirtHypervisorProvider;
import io.vmpool.inventory.jdbc.internal.InventoryConfig;
import io.vmpool.inventory.jdbc.internal.JdbcInventoryStore;
import io.vmpool.lock.local.internal.LocalLockConfig;
import io.vmpool.lock.local.internal.LocalLockManager;
import io.vmpool.storage.file.internal.FileStorageConfig;
import io.vmpool.storage.file.internal.FileStoragePool;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.Driver;
import org.h2.util.OsgiDataSourceFactory;
import org.osgi.framework.BundleContext;
import org.osgi.util.converter.Converters;

/**
 * The core wired to the real default backends, as the distribution wires them, minus OSGi:
 * libvirt's test driver (one node file per host), H2 in a file, sparse image files, local locks.
 */
public final class RealPool implements AutoCloseable {
    public final Path dir;
    public final InventoryStore inventory;
    public final FileStoragePool storage;
    /** A second pool, {@code scratch}, beside the default {@code file}. */
    public final FileStoragePool scratch;
    public final StorageServiceImpl storageService;
    public final LocalLockManager locks;
    public final HypervisorProvider provider;
    public final LockRouter router;
    public final MachineServiceImpl machines;
    public final List<PoolHost> hosts = new ArrayList<>();
    private final JdbcInventoryStore jdbc;

    public RealPool(Path dir, Map<String, Object> coreConfig, long... hostMemoryMiB) throws IOException {
        this.dir = dir;
        BundleContext framework = frameworkProperties();
        this.jdbc = new JdbcInventoryStore(new OsgiDataSourceFactory(Driver.load()),
                config(InventoryConfig.class, Map.of("url", "jdbc:h2:file:" + dir.resolve("inventory"))), framework);
        this.inventory = jdbc;
        this.storage = new FileStoragePool(config(FileStorageConfig.class,
                Map.of("directory", dir.resolve("images").toString(), "minFreeMiB", 0)), framework);
        this.locks = new LocalLockManager(config(LocalLockConfig.class, Map.of()));
        this.provider = new LibvirtHypervisorProvider(config(LibvirtConfig.class, Map.of()));
        this.router = new LockRouter(java.time.Duration.ofSeconds(30), java.time.Clock.systemUTC(), inventory::record);
        router.bindLockManager(locks, Map.of("service.ranking", -100));
        this.machines = new MachineServiceImpl(inventory, router, TestConfigs.core(coreConfig));
        this.scratch = new FileStoragePool(config(FileStorageConfig.class, Map.of("vmpool.storage.pool", "scratch",
                "directory", dir.resolve("scratch").toString(), "minFreeMiB", 0)), framework);
        machines.addPool(storage);
        machines.addPool(scratch);
        this.storageService = new StorageServiceImpl(inventory, TestConfigs.core(coreConfig));
        storageService.addPool(storage);
        storageService.addPool(scratch);
        for (int i = 0; i < hostMemoryMiB.length; i++) {
            PoolHost h = new PoolHost(provider, "host" + (i + 1), "test://" + node(dir, i + 1, hostMemoryMiB[i]), 512);
            hosts.add(h);
            machines.addHost(h);
        }
        try {
            machines.awaitBackground(); // the reconciler pass each new host triggers
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public PoolHost host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }

    /** Adds a host as a new {@code io.vmpool.host} configuration would (host:add). */
    public PoolHost addHost(String name, long memoryMiB) throws IOException {
        PoolHost h = new PoolHost(provider, name, "test://" + node(dir, hosts.size() + 1, memoryMiB), 512);
        hosts.add(h);
        machines.addHost(h);
        return h;
    }

    /** Registers a pool listener with the machine service, as DS would bind it. */
    public void listen(PoolListener listener) {
        machines.addListener(listener);
    }

    /** The core's typed configuration from properties, as DS builds it. */
    public static CoreConfig coreConfig(Map<String, Object> props) {
        return TestConfigs.core(props);
    }

    List<String> imageFiles() throws IOException {
        Path images = dir.resolve("images");
        if (!Files.isDirectory(images)) {
            return List.of();
        }
        try (var files = Files.list(images)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public void close() {
        machines.deactivate();
        hosts.forEach(PoolHost::close);
        jdbc.close(); // the local lock manager's reaper is a daemon thread; it ends with the JVM
    }

    private static Path node(Path dir, int n, long memoryMiB) throws IOException {
        Path file = dir.resolve("host" + n + ".xml");
        Files.writeString(file, "<node><cpu><mhz>2400</mhz><model>x86_64</model><active>4</active><nodes>1</nodes>"
                + "<sockets>1</sockets><cores>4</cores><threads>1</threads></cpu><memory>" + memoryMiB * 1024
                + "</memory></node>");
        return file.toAbsolutePath();
    }

    private static <T> T config(Class<T> type, Map<String, Object> props) {
        return Converters.standardConverter().convert(props).to(type);
    }

    /** Only {@code getProperty} is used by the backends at construction; it answers from system properties. */
    private static BundleContext frameworkProperties() {
        return (BundleContext) Proxy.newProxyInstance(RealPool.class.getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return System.getProperty((String) args[0]);
                    }
                    throw new UnsupportedOperationException("BundleContext." + method.getName() + " in a unit test");
                });
    }
}
