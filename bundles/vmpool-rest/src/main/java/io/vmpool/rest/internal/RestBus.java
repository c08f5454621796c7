package io.vmpool.rest.internal;

import java.util.HashMap;
import java.util.Map;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.bus.CXFBusFactory;
import org.apache.cxf.common.classloader.ClassLoaderUtils;
import org.apache.cxf.common.classloader.ClassLoaderUtils.ClassLoaderHolder;
import org.osgi.framework.BundleContext;

/**
 * Creates the CXF bus the REST endpoint runs on. Karaf registers no {@code Bus} service unless some
 * Blueprint bundle uses CXF, so the door owns its bus: with a {@link BundleContext} extension CXF's
 * OSGi listener registers it as a service (so {@code cxf:list-endpoints} shows it), and its
 * {@link ClassLoader} extension is the TCCL CXF sets during {@code create()} and every request.
 */
final class RestBus {
    static final String BUS_ID = "vmpool-rest";

    private RestBus() {
    }

    /** @param context the bundle's context, or null outside OSGi (then the bus is not registered) */
    static Bus create(ClassLoader bundleLoader, BundleContext context) {
        Map<Class<?>, Object> extensions = new HashMap<>();
        extensions.put(ClassLoader.class, bundleLoader);
        if (context != null) {
            extensions.put(BundleContext.class, context);
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("org.apache.cxf.bus.id", BUS_ID);
        Bus previousThreadBus = BusFactory.getThreadDefaultBus(false);
        ClassLoaderHolder previousLoader = ClassLoaderUtils.setThreadContextClassloader(bundleLoader);
        try {
            return new CXFBusFactory().createBus(extensions, properties);
        } finally {
            previousLoader.reset();
            BusFactory.setThreadDefaultBus(previousThreadBus);
        }
    }
}
