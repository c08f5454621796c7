package io.vmpool.health.internal;

import io.vmpool.api.Event;
import io.vmpool.inventory.jdbc.internal.InventoryConfig;
import io.vmpool.inventory.jdbc.internal.JdbcInventoryStore;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.h2.Driver;
import org.h2.util.OsgiDataSourceFactory;
import org.osgi.framework.BundleContext;

/** The distribution's inventory, minus OSGi: JdbcInventoryStore on H2 in a file under the test's temp dir. */
public final class RealInventory {
    private RealInventory() {
    }

    public static JdbcInventoryStore open(Path dir) {
        return new JdbcInventoryStore(new OsgiDataSourceFactory(Driver.load()),
                TestConfig.of(InventoryConfig.class, Map.of("url", "jdbc:h2:file:" + dir.resolve("inventory"))),
                frameworkProperties());
    }

    /** The events of a subject of one type, oldest first. */
    public static List<Event> events(JdbcInventoryStore inventory, String subject, String type) {
        List<Event> oldestFirst = new ArrayList<>(inventory.events(subject, 10_000).stream()
                .filter(e -> e.type().equals(type)).toList());
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** Only {@code getProperty} is used by the store at construction; it answers from system properties. */
    private static BundleContext frameworkProperties() {
        return (BundleContext) Proxy.newProxyInstance(RealInventory.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return System.getProperty((String) args[0]);
                    }
                    throw new UnsupportedOperationException("BundleContext." + method.getName() + " in a unit test");
                });
    }
}
