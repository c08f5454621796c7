package io.vmpool.rest.internal;

import io.vmpool.api.machine.MachineService;
import io.vmpool.api.storage.StorageService;
import java.util.List;
import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;
import org.apache.cxf.jaxrs.model.wadl.WadlGenerator;

/**
 * Assembles the endpoint: resources, the Jackson provider (installing cxf-jackson registers none), the
 * authentication and body-size filters, the exception mappers, and a WADL generator that serves nothing. The component and the tests both use it.
 */
final class RestEndpointFactory {
    private final MachineService machines;
    private final StorageService storage;
    private final java.util.function.Supplier<io.vmpool.api.health.HostHealthService> health;
    private final java.util.function.Supplier<io.vmpool.api.health.ConsoleService> consoles;
    private final java.util.function.Supplier<io.vmpool.api.host.HostAdmissionService> admission;
    private java.util.function.Supplier<io.vmpool.api.health.MachineConsoleService> machineConsoles = () -> null;
    private java.util.function.Supplier<io.vmpool.api.placement.PlacementService> placements = () -> null;
    private java.util.function.Supplier<io.vmpool.api.queue.WaitingListService> waitingList = () -> null;
    private java.util.function.Supplier<io.vmpool.api.machine.EvacuationService> evacuations = () -> null;
    private final RestSettings settings;
    private final ClassLoader bundleLoader;

    RestEndpointFactory(MachineService machines, StorageService storage,
            java.util.function.Supplier<io.vmpool.api.health.HostHealthService> health,
            java.util.function.Supplier<io.vmpool.api.health.ConsoleService> consoles,
            java.util.function.Supplier<io.vmpool.api.host.HostAdmissionService> admission, RestSettings settings,
            ClassLoader bundleLoader) {
        this.admission = admission;
        this.consoles = consoles;
        this.machines = machines;
        this.storage = storage;
        this.health = health;
        this.settings = settings;
        this.bundleLoader = bundleLoader;
    }

    /** Where the machines' serial consoles come from (vmpool-health, when installed). */
    RestEndpointFactory withMachineConsoles(java.util.function.Supplier<io.vmpool.api.health.MachineConsoleService> c) {
        this.machineConsoles = c;
        return this;
    }

    RestEndpointFactory withWaitingList(java.util.function.Supplier<io.vmpool.api.queue.WaitingListService> w) {
        this.waitingList = w;
        return this;
    }

    RestEndpointFactory withPlacements(java.util.function.Supplier<io.vmpool.api.placement.PlacementService> p) {
        this.placements = p;
        return this;
    }

    RestEndpointFactory withEvacuations(java.util.function.Supplier<io.vmpool.api.machine.EvacuationService> e) {
        this.evacuations = e;
        return this;
    }

    /** Creates and starts the server on {@code bus} at the configured address. */
    Server start(Bus bus) {
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress(settings.address());
        factory.setResourceClasses(VmResource.class, HostResource.class, StorageResource.class, PlacementResource.class,
                CapacityResource.class, QueueResource.class, TaskResource.class);
        factory.setResourceProvider(VmResource.class,
                new SingletonResourceProvider(new VmResource(machines, settings, machineConsoles)
                        .withWaitingList(waitingList), true));
        factory.setResourceProvider(QueueResource.class,
                new SingletonResourceProvider(new QueueResource(waitingList), true));
        factory.setResourceProvider(HostResource.class,
                new SingletonResourceProvider(new HostResource(machines, health, consoles, admission)
                        .withEvacuations(evacuations), true));
        factory.setResourceProvider(TaskResource.class,
                new SingletonResourceProvider(new TaskResource(evacuations), true));
        factory.setResourceProvider(PlacementResource.class,
                new SingletonResourceProvider(new PlacementResource(placements), true));
        factory.setResourceProvider(CapacityResource.class,
                new SingletonResourceProvider(new CapacityResource(placements), true));
        factory.setResourceProvider(StorageResource.class,
                new SingletonResourceProvider(new StorageResource(storage, machines), true));
        factory.setProviders(List.of(
                noWadl(bus),
                JsonMapping.provider(),
                new BasicAuthFilter(new JaasAuthenticator(settings.realm(), bundleLoader)),
                new BodySizeFilter(settings.maxBodyBytes()),
                new VmpoolExceptionMapper(),
                new JsonExceptionMapper(),
                new WebApplicationExceptionMapper(),
                new UnexpectedExceptionMapper()));
        return factory.create();
    }

    /**
     * CXF answers {@code ?_wadl} from a filter it puts before all others, so without authentication; the
     * generator given here replaces CXF's and refuses those requests with 404.
     */
    private static WadlGenerator noWadl(Bus bus) {
        WadlGenerator wadl = new WadlGenerator(bus);
        wadl.setIgnoreRequests(true);
        return wadl;
    }
}
