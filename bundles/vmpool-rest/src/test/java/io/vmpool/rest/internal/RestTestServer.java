package io.vmpool.rest.internal;

import io.vmpool.api.machine.MachineService;
import java.net.URI;
import org.apache.cxf.Bus;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * Test support: the production endpoint (same factory, same bus setup, relative address) behind CXF's own
 * servlet, mounted at {@code /vmpool} in an embedded Jetty 9.4 on a free loopback port, as in Karaf.
 */
final class RestTestServer implements AutoCloseable {
    private final Bus bus;
    private final Server jetty;
    private final org.apache.cxf.endpoint.Server endpoint;
    private final URI base;

    RestTestServer(MachineService machines, RestSettings settings) throws Exception {
        this(machines, null, settings);
    }

    RestTestServer(MachineService machines, io.vmpool.api.placement.PlacementService placements, RestSettings settings)
            throws Exception {
        this(machines, placements, null, settings);
    }

    RestTestServer(MachineService machines, io.vmpool.api.placement.PlacementService placements,
            io.vmpool.api.queue.WaitingListService waitingList, RestSettings settings) throws Exception {
        bus = RestBus.create(RestTestServer.class.getClassLoader(), null);
        CXFNonSpringServlet servlet = new CXFNonSpringServlet();
        servlet.setBus(bus);
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/vmpool");
        context.addServlet(new ServletHolder(servlet), "/*");
        // graceful stop: requests still completing when a test ends are let finish, not cut off
        StatisticsHandler inFlight = new StatisticsHandler();
        inFlight.setHandler(context);
        jetty.setHandler(inFlight);
        jetty.setStopTimeout(5_000);
        jetty.start();
        endpoint = new RestEndpointFactory(machines, null, () -> null, () -> null, () -> null, settings, RestTestServer.class.getClassLoader())
                .withPlacements(() -> placements).withWaitingList(() -> waitingList).start(bus); // no storage service: the storage resources are tested on the real assembly (itests)
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/vmpool" + settings.address() + "/");
    }

    /** The API's base, e.g. {@code http://127.0.0.1:PORT/vmpool/api/v1/}. */
    URI base() {
        return base;
    }

    @Override
    public void close() throws Exception {
        try {
            endpoint.destroy();
            jetty.stop();
        } finally {
            bus.shutdown(true);
        }
    }
}
